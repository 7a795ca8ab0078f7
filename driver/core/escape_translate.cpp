#include "core/escape_translate.h"

#include <array>
#include <vector>

#include "core/odbc_error.h"

namespace holdfast {

namespace {

constexpr std::size_t npos = std::string_view::npos;

[[noreturn]] void syntax_error(std::size_t offset, std::string_view what) {
  throw OdbcError("42000", "Invalid ODBC escape sequence at offset " + std::to_string(offset) +
                               ": " + std::string(what));
}

[[noreturn]] void datetime_error(std::size_t offset, std::string_view value) {
  throw OdbcError("22007", "Invalid datetime value in ODBC escape sequence at offset " +
                               std::to_string(offset) + ": '" + std::string(value) + "'");
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_sql_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_sql_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with_nocase(std::string_view s, std::string_view upper_prefix) noexcept {
  return s.size() >= upper_prefix.size() && keyword_equals(s.substr(0, upper_prefix.size()), upper_prefix);
}

// ---- {d}, {t}, {ts} value checks: the ODBC forms, with MySQL's relaxed digit counts ----

// Reads 1..max_digits digits at s[i]; false if none.
bool read_number(std::string_view s, std::size_t& i, std::size_t max_digits, unsigned& value) noexcept {
  const std::size_t start = i;
  value = 0;
  while (i < s.size() && i - start < max_digits && s[i] >= '0' && s[i] <= '9') {
    value = value * 10 + static_cast<unsigned>(s[i] - '0');
    ++i;
  }
  return i > start;
}

bool expect(std::string_view s, std::size_t& i, char c) noexcept {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}

bool parse_date_part(std::string_view s, std::size_t& i) noexcept {
  unsigned y = 0, m = 0, d = 0;
  return read_number(s, i, 4, y) && expect(s, i, '-') && read_number(s, i, 2, m) &&
         expect(s, i, '-') && read_number(s, i, 2, d) && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

bool parse_time_part(std::string_view s, std::size_t& i) noexcept {
  unsigned h = 0, mi = 0, sec = 0, frac = 0;
  if (!(read_number(s, i, 2, h) && expect(s, i, ':') && read_number(s, i, 2, mi) &&
        expect(s, i, ':') && read_number(s, i, 2, sec) && h <= 23 && mi <= 59 && sec <= 59)) {
    return false;
  }
  if (expect(s, i, '.')) return read_number(s, i, 9, frac);
  return true;
}

enum class DateKind { date, time, timestamp };

bool valid_datetime(DateKind kind, std::string_view v) noexcept {
  std::size_t i = 0;
  bool ok = false;
  switch (kind) {
    case DateKind::date:
      ok = parse_date_part(v, i);
      break;
    case DateKind::time:
      ok = parse_time_part(v, i);
      break;
    case DateKind::timestamp:
      ok = parse_date_part(v, i) && expect(v, i, ' ') && parse_time_part(v, i);
      break;
  }
  return ok && i == v.size();
}

// ---- {fn} functions that differ in MySQL ----

struct Mapping {
  std::string_view odbc;
  std::string_view mysql;
};

// CONVERT(x, SQL_type) target types.
constexpr std::array kConvertTypes{
    Mapping{"BIGINT", "SIGNED"},      Mapping{"INTEGER", "SIGNED"},       Mapping{"SMALLINT", "SIGNED"},
    Mapping{"TINYINT", "SIGNED"},     Mapping{"BIT", "UNSIGNED"},         Mapping{"CHAR", "CHAR"},
    Mapping{"VARCHAR", "CHAR"},       Mapping{"LONGVARCHAR", "CHAR"},     Mapping{"WCHAR", "CHAR"},
    Mapping{"WVARCHAR", "CHAR"},      Mapping{"WLONGVARCHAR", "CHAR"},    Mapping{"BINARY", "BINARY"},
    Mapping{"VARBINARY", "BINARY"},   Mapping{"LONGVARBINARY", "BINARY"}, Mapping{"DATE", "DATE"},
    Mapping{"TYPE_DATE", "DATE"},     Mapping{"TIME", "TIME(6)"},         Mapping{"TYPE_TIME", "TIME(6)"},
    Mapping{"TIMESTAMP", "DATETIME(6)"}, Mapping{"TYPE_TIMESTAMP", "DATETIME(6)"},
    Mapping{"DECIMAL", "DECIMAL(65,30)"}, Mapping{"NUMERIC", "DECIMAL(65,30)"},
    Mapping{"GUID", "CHAR(36)"},
    // DOUBLE, FLOAT and REAL: written as "(x)+0E0" (a DOUBLE on every server version).
};

constexpr std::array<std::string_view, 9> kTsiUnits{"FRAC_SECOND", "SECOND", "MINUTE", "HOUR", "DAY",
                                                    "WEEK",        "MONTH",  "QUARTER", "YEAR"};

enum class FnKind { plain, convert, timestampadd, timestampdiff, length };

FnKind classify_fn(std::string_view name) noexcept {
  if (keyword_equals(name, "CONVERT")) return FnKind::convert;
  if (keyword_equals(name, "TIMESTAMPADD")) return FnKind::timestampadd;
  if (keyword_equals(name, "TIMESTAMPDIFF")) return FnKind::timestampdiff;
  if (keyword_equals(name, "LENGTH")) return FnKind::length;
  return FnKind::plain;
}

// Top-level structure of a function call written to the output.
struct FnShape {
  std::size_t open = npos;            // output offset of the '(' of the argument list
  std::size_t close = npos;           // output offset of its ')'
  std::vector<std::size_t> commas;    // output offsets of the commas between arguments
};

class Translator {
 public:
  Translator(std::string_view sql, const ScanOptions& options, EscapeInfo* info) noexcept
      : in_(sql), lex_(sql, options), info_(info), options_(options) {}

  // Translates from the first '{' in code at `first_brace`; `after_brace` is the lexer
  // just past it; `significant_before`: code precedes it.
  std::string run_from(std::size_t first_brace, const SqlLexer& after_brace, bool significant_before) {
    out_.reserve(in_.size() + in_.size() / 8 + 16);
    out_.append(in_.data(), first_brace);
    lex_ = after_brace;
    top_significant_ = significant_before;
    escape(first_brace);
    copy_region(false, nullptr);
    return std::move(out_);
  }

 private:
  static bool insignificant(TokenKind k) noexcept {
    return k == TokenKind::whitespace || k == TokenKind::comment;
  }

  Token next_significant() noexcept {
    Token t = lex_.next();
    while (insignificant(t.kind)) t = lex_.next();
    return t;
  }

  void skip_space() noexcept {
    while (insignificant(lex_.peek().kind)) lex_.next();
  }

  bool is_punct(const Token& t, char c) const noexcept {
    return t.kind == TokenKind::punct && in_[t.begin] == c;
  }

  bool is_single_quoted(const Token& t) const noexcept {
    return t.kind == TokenKind::string_literal && t.terminated && in_[t.begin] == '\'';
  }

  std::string_view view(const Token& t) const noexcept { return in_.substr(t.begin, t.end - t.begin); }

  void trim_output_to(std::size_t floor) noexcept {
    while (out_.size() > floor && is_sql_space(static_cast<unsigned char>(out_.back()))) out_.pop_back();
  }

  void expect_close(std::size_t brace) {
    if (!is_punct(next_significant(), '}')) syntax_error(brace, "expected '}'");
  }

  // Copies tokens to the output, translating nested escapes. Inside an escape, stops
  // after the '}' that closes it.
  void copy_region(bool in_escape, FnShape* shape) {
    int paren = 0;
    for (;;) {
      const Token t = lex_.next();
      if (t.kind == TokenKind::end) {
        if (in_escape) syntax_error(brace_, "unterminated escape sequence (missing '}')");
        return;
      }
      if (t.kind == TokenKind::punct) {
        const char c = in_[t.begin];
        if (c == '{') {
          escape(t.begin);
          continue;
        }
        if (c == '}' && in_escape) return;
        if (shape != nullptr) {
          if (c == '(') {
            if (paren == 0 && shape->open == npos) shape->open = out_.size();
            ++paren;
          } else if (c == ')') {
            if (paren > 0) --paren;
            if (paren == 0 && shape->open != npos && shape->close == npos) shape->close = out_.size();
          } else if (c == ',' && paren == 1 && shape->close == npos) {
            shape->commas.push_back(out_.size());
          }
        }
        out_.push_back(c);
      } else {
        out_.append(in_.data() + t.begin, t.end - t.begin);
      }
      if (depth_ == 0 && !insignificant(t.kind)) top_significant_ = true;
    }
  }

  // Called with the lexer just past the '{' at `brace`.
  void escape(std::size_t brace) {
    if (depth_ >= kMaxEscapeNesting) syntax_error(brace, "escape sequences nested too deeply");
    const bool statement_start = depth_ == 0 && !top_significant_;
    const std::size_t saved_brace = brace_;
    brace_ = brace;
    ++depth_;

    const SqlLexer at_keyword = lex_;
    const Token k = next_significant();
    if (is_punct(k, '?')) {
      const Token eq = next_significant();
      const Token call = next_significant();
      if (is_punct(eq, '=') && call.kind == TokenKind::word && keyword_equals(view(call), "CALL")) {
        call_escape(brace, true, statement_start);
      } else {
        pass_through(at_keyword);
      }
    } else if (k.kind != TokenKind::word) {
      pass_through(at_keyword);
    } else {
      const std::string_view kw = view(k);
      if (keyword_equals(kw, "D")) datetime_escape(brace, DateKind::date);
      else if (keyword_equals(kw, "T")) datetime_escape(brace, DateKind::time);
      else if (keyword_equals(kw, "TS")) datetime_escape(brace, DateKind::timestamp);
      else if (keyword_equals(kw, "FN")) fn_escape(brace);
      else if (keyword_equals(kw, "CALL")) call_escape(brace, false, statement_start);
      else if (keyword_equals(kw, "OJ")) body_escape(brace, "", "{oj} without a join");
      else if (keyword_equals(kw, "ESCAPE")) like_escape(brace);
      else if (keyword_equals(kw, "INTERVAL")) interval_escape(brace);
      else if (keyword_equals(kw, "GUID")) guid_escape(brace);
      else pass_through(at_keyword);
    }

    --depth_;
    brace_ = saved_brace;
    if (depth_ == 0) top_significant_ = true;
  }

  // "{ something }" that is not an ODBC escape: kept, its content still translated.
  void pass_through(const SqlLexer& after_brace) {
    lex_ = after_brace;
    out_.push_back('{');
    copy_region(true, nullptr);
    out_.push_back('}');
  }

  void datetime_escape(std::size_t brace, DateKind kind) {
    const Token v = next_significant();
    if (is_punct(v, '?')) {
      out_ += kind == DateKind::date ? "CAST(? AS DATE)"
              : kind == DateKind::time ? "CAST(? AS TIME(6))"
                                       : "CAST(? AS DATETIME(6))";
    } else if (is_single_quoted(v)) {
      const std::string_view value = in_.substr(v.begin + 1, v.end - v.begin - 2);
      if (!valid_datetime(kind, value)) datetime_error(brace, value);
      out_ += kind == DateKind::date ? "DATE " : kind == DateKind::time ? "TIME " : "TIMESTAMP ";
      out_ += view(v);
    } else {
      syntax_error(brace, "{d}, {t} and {ts} need a quoted value or '?'");
    }
    expect_close(brace);
  }

  void body_escape(std::size_t brace, std::string_view prefix, std::string_view empty_message) {
    skip_space();
    const std::size_t mark = out_.size();
    out_ += prefix;
    const std::size_t body = out_.size();
    copy_region(true, nullptr);
    trim_output_to(body);
    if (out_.size() == body) {
      out_.resize(mark);
      syntax_error(brace, empty_message);
    }
  }

  // {escape 'c'}. The ODBC form of a backslash, {escape '\'}, is not a closed literal
  // where backslashes escape (the server's default): it becomes ESCAPE '\\' there.
  void like_escape(std::size_t brace) {
    skip_space();
    const std::size_t at = lex_.position();
    if (!options_.no_backslash_escapes && !lex_.in_exec_comment() && in_.substr(at, 3) == "'\\'") {
      SqlLexer after(in_, options_, at + 3);
      Token t = after.next();
      while (insignificant(t.kind)) t = after.next();
      if (is_punct(t, '}')) {
        out_ += "ESCAPE '\\\\'";
        lex_ = after;
        return;
      }
    }
    body_escape(brace, "ESCAPE ", "{escape} without a character");
  }

  void call_escape(std::size_t brace, bool returns, bool statement_start) {
    const Token name = next_significant();
    if (name.kind != TokenKind::word && name.kind != TokenKind::quoted_identifier) {
      syntax_error(brace, "{call} needs a procedure name");
    }
    out_ += returns ? "SELECT " : "CALL ";
    out_ += view(name);
    const std::size_t after_name = out_.size();
    FnShape shape;
    copy_region(true, &shape);
    trim_output_to(after_name);
    if (returns && shape.open == npos) out_ += "()";
    if (statement_start && info_ != nullptr) {
      info_->is_call = true;
      info_->has_return_value = returns;
    }
  }

  void guid_escape(std::size_t brace) {
    const Token v = next_significant();
    if (!is_single_quoted(v)) syntax_error(brace, "{guid} needs a quoted value");
    out_ += view(v);
    expect_close(brace);
  }

  // {interval [+|-]'value' FIELD[(p[,s])] [TO FIELD[(p)]]}
  void interval_escape(std::size_t brace) {
    Token t = next_significant();
    bool negative = false;
    if (is_punct(t, '+') || is_punct(t, '-')) {
      negative = is_punct(t, '-');
      t = next_significant();
    }
    if (!is_single_quoted(t)) syntax_error(brace, "{interval} needs a quoted value");
    const Token value = t;

    static constexpr std::array<std::string_view, 6> kFields{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
    auto field_index = [&](const Token& f) -> std::size_t {
      if (f.kind != TokenKind::word) return npos;
      for (std::size_t i = 0; i < kFields.size(); ++i) {
        if (keyword_equals(view(f), kFields[i])) return i;
      }
      return npos;
    };
    auto skip_precision = [&](Token& next) {
      if (!is_punct(next, '(')) return;
      for (next = next_significant(); !is_punct(next, ')'); next = next_significant()) {
        if (next.kind != TokenKind::word && !is_punct(next, ',')) syntax_error(brace, "bad interval precision");
      }
      next = next_significant();
    };

    const std::size_t first = field_index(next_significant());
    if (first == npos) syntax_error(brace, "{interval} needs YEAR, MONTH, DAY, HOUR, MINUTE or SECOND");
    Token next = next_significant();
    skip_precision(next);
    std::size_t last = npos;
    if (next.kind == TokenKind::word && keyword_equals(view(next), "TO")) {
      last = field_index(next_significant());
      // ODBC pairs: YEAR TO MONTH, and DAY/HOUR/MINUTE TO a smaller day-time field.
      const bool ok = last != npos && last > first && (first == 0 ? last == 1 : first >= 2);
      if (!ok) syntax_error(brace, "unsupported interval qualifier");
      next = next_significant();
      skip_precision(next);
    }
    if (!is_punct(next, '}')) syntax_error(brace, "expected '}'");

    out_ += "INTERVAL '";
    if (negative) out_.push_back('-');
    out_.append(in_.data() + value.begin + 1, value.end - value.begin - 1);
    out_.push_back(' ');
    out_ += kFields[first];
    if (last != npos) {
      out_.push_back('_');
      out_ += kFields[last];
    }
  }

  void fn_escape(std::size_t brace) {
    const Token name = next_significant();
    if (name.kind != TokenKind::word) syntax_error(brace, "{fn} needs a function name");
    const std::string_view fn = view(name);
    const FnKind kind = classify_fn(fn);
    const std::size_t mark = out_.size();
    out_ += fn;
    FnShape shape;
    copy_region(true, kind == FnKind::plain ? nullptr : &shape);
    trim_output_to(mark + fn.size());
    if (kind != FnKind::plain) rewrite_fn(brace, kind, mark, fn.size(), shape);
  }

  void rewrite_fn(std::size_t brace, FnKind kind, std::size_t mark, std::size_t name_len, const FnShape& shape) {
    const std::string_view out_view = out_;
    if (shape.open == npos || shape.close == npos || shape.close + 1 != out_.size() ||
        !trim(out_view.substr(mark + name_len, shape.open - mark - name_len)).empty()) {
      syntax_error(brace, "malformed function call in {fn}");
    }
    std::array<std::string_view, 3> args{};
    const std::size_t nargs = shape.commas.size() + 1;
    const std::size_t want = kind == FnKind::convert ? 2 : kind == FnKind::length ? 1 : 3;
    if (nargs != want) syntax_error(brace, "wrong number of arguments in {fn}");
    for (std::size_t i = 0; i < nargs; ++i) {
      const std::size_t from = (i == 0 ? shape.open : shape.commas[i - 1]) + 1;
      const std::size_t to = i + 1 < nargs ? shape.commas[i] : shape.close;
      args[i] = trim(out_view.substr(from, to - from));
      if (args[i].empty()) syntax_error(brace, "empty argument in {fn}");
    }

    std::string r;
    r.reserve(out_.size() - mark + 32);
    switch (kind) {
      case FnKind::convert: {
        std::string_view type = args[1];
        if (starts_with_nocase(type, "SQL_")) type.remove_prefix(4);
        if (keyword_equals(type, "DOUBLE") || keyword_equals(type, "FLOAT") || keyword_equals(type, "REAL")) {
          r.append("((").append(args[0]).append(")+0E0)");
          break;
        }
        std::string_view target;
        for (const auto& m : kConvertTypes) {
          if (keyword_equals(type, m.odbc)) target = m.mysql;
        }
        if (target.empty()) syntax_error(brace, "unsupported type in {fn CONVERT}: " + std::string(args[1]));
        r.append("CAST(").append(args[0]).append(" AS ").append(target).append(")");
        break;
      }
      case FnKind::timestampadd:
      case FnKind::timestampdiff: {
        std::string_view unit = args[0];
        if (starts_with_nocase(unit, "SQL_TSI_")) unit.remove_prefix(8);
        std::string_view canonical;
        for (auto u : kTsiUnits) {
          if (keyword_equals(unit, u)) canonical = u;
        }
        if (canonical.empty()) syntax_error(brace, "unsupported interval in {fn " + std::string(out_view.substr(mark, name_len)) + "}");
        const bool add = kind == FnKind::timestampadd;
        if (canonical == "FRAC_SECOND") {
          // ODBC counts billionths of a second; MySQL's finest unit is the microsecond.
          if (add) {
            r.append("TIMESTAMPADD(MICROSECOND, (").append(args[1]).append(") DIV 1000, ").append(args[2]).append(")");
          } else {
            r.append("(TIMESTAMPDIFF(MICROSECOND, ").append(args[1]).append(", ").append(args[2]).append(") * 1000)");
          }
        } else {
          r.append(add ? "TIMESTAMPADD(" : "TIMESTAMPDIFF(").append(canonical).append(", ");
          r.append(args[1]).append(", ").append(args[2]).append(")");
        }
        break;
      }
      case FnKind::length:
        r.append("CHAR_LENGTH(RTRIM(").append(args[0]).append("))");
        break;
      case FnKind::plain:
        return;
    }
    out_.resize(mark);
    out_ += r;
  }

  std::string_view in_;
  SqlLexer lex_;
  EscapeInfo* info_;
  ScanOptions options_;
  std::string out_;
  int depth_ = 0;
  std::size_t brace_ = 0;
  bool top_significant_ = false;
};

}  // namespace

std::optional<std::string> translate_escapes(std::string_view sql, const ScanOptions& options,
                                             EscapeInfo* info) {
  if (info != nullptr) *info = EscapeInfo{};
  if (sql.find('{') == npos) return std::nullopt;

  // Find the first '{' in code; everything before it is copied as is.
  SqlLexer lex(sql, options);
  bool significant = false;
  for (Token t = lex.next(); t.kind != TokenKind::end; t = lex.next()) {
    if (t.kind == TokenKind::punct && sql[t.begin] == '{') {
      Translator tr(sql, options, info);
      SqlLexer at_brace = lex;  // positioned just past the '{', exec-comment state kept
      return tr.run_from(t.begin, at_brace, significant);
    }
    if (t.kind != TokenKind::whitespace && t.kind != TokenKind::comment) significant = true;
  }
  return std::nullopt;
}

}  // namespace holdfast
