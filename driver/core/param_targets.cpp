#include "core/param_targets.h"

#include <algorithm>
#include <array>

namespace holdfast {
namespace {

class Tokens {
 public:
  Tokens(std::string_view sql, const ScanOptions& options) : sql_(sql) {
    SqlLexer lexer(sql, options);
    for (Token t = lexer.next(); t.kind != TokenKind::end; t = lexer.next()) {
      if (t.kind == TokenKind::whitespace || t.kind == TokenKind::comment) continue;
      if (t.kind == TokenKind::exec_comment_open || t.kind == TokenKind::exec_comment_close) opaque_ = true;
      list_.push_back(t);
    }
  }
  bool opaque() const noexcept { return opaque_; }
  std::size_t size() const noexcept { return list_.size(); }
  const Token& operator[](std::size_t i) const noexcept { return list_[i]; }
  std::string_view view(std::size_t i) const noexcept {
    return i < list_.size() ? sql_.substr(list_[i].begin, list_[i].end - list_[i].begin) : std::string_view{};
  }
  bool is_punct(std::size_t i, char c) const noexcept {
    return i < list_.size() && list_[i].kind == TokenKind::punct && sql_[list_[i].begin] == c;
  }
  bool is_word(std::size_t i, std::string_view upper) const noexcept {
    return i < list_.size() && list_[i].kind == TokenKind::word && keyword_equals(view(i), upper);
  }
  // An identifier: a word that does not start with a digit, or a quoted identifier.
  bool is_identifier(std::size_t i) const noexcept {
    if (i >= list_.size()) return false;
    if (list_[i].kind == TokenKind::quoted_identifier) return list_[i].terminated;
    return list_[i].kind == TokenKind::word && !(sql_[list_[i].begin] >= '0' && sql_[list_[i].begin] <= '9');
  }
  std::string identifier(std::size_t i) const {
    const std::string_view v = view(i);
    if (list_[i].kind != TokenKind::quoted_identifier) return std::string(v);
    const char q = v.front();
    std::string out;
    for (std::size_t k = 1; k + 1 < v.size(); ++k) {
      out.push_back(v[k]);
      if (v[k] == q && k + 2 < v.size() && v[k + 1] == q) ++k;  // `` is one `
    }
    return out;
  }

 private:
  std::string_view sql_;
  std::vector<Token> list_;
  bool opaque_ = false;
};

// [schema.]table at `i`; advances past it.
bool table_name(const Tokens& t, std::size_t& i, ParamTargets& out) {
  if (!t.is_identifier(i)) return false;
  if (t.is_punct(i + 1, '.') && t.is_identifier(i + 2)) {
    out.table_schema = t.identifier(i);
    out.table_name = t.identifier(i + 2);
    i += 3;
  } else {
    out.table_name = t.identifier(i);
    i += 1;
  }
  return true;
}

void skip_words(const Tokens& t, std::size_t& i, std::initializer_list<std::string_view> words) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view w : words)
      if (t.is_word(i, w)) {
        ++i;
        again = true;
      }
  }
}

bool ends_table_clause(const Tokens& t, std::size_t i) {
  if (i >= t.size() || t.is_punct(i, ';')) return true;
  for (std::string_view w : {"WHERE", "ORDER", "GROUP", "LIMIT", "HAVING", "FOR", "LOCK", "RETURNING", "SET"})
    if (t.is_word(i, w)) return true;
  return false;
}

}  // namespace

ParamTargets find_param_targets(std::string_view sql, const std::vector<std::size_t>& markers,
                                const ScanOptions& options) {
  ParamTargets out;
  out.columns.assign(markers.size(), std::string{});
  out.positions.assign(markers.size(), -1);
  const Tokens t(sql, options);
  if (t.opaque() || t.size() == 0 || markers.empty()) return out;
  // The marker index of token i ('?' tokens in order are the markers).
  auto marker_index = [&](std::size_t i) -> std::size_t {
    const auto it = std::lower_bound(markers.begin(), markers.end(), t[i].begin);
    return it != markers.end() && *it == t[i].begin ? static_cast<std::size_t>(it - markers.begin()) : markers.size();
  };

  std::size_t i = 0;
  std::size_t rest = 0;  // where the comparison rule starts
  if (t.is_word(0, "INSERT") || t.is_word(0, "REPLACE")) {
    i = 1;
    skip_words(t, i, {"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE"});
    if (t.is_word(i, "INTO")) ++i;
    if (!table_name(t, i, out)) return out;
    std::vector<std::string> names;
    if (t.is_punct(i, '(')) {
      for (++i; t.is_identifier(i); i += 2) {
        names.push_back(t.identifier(i));
        if (!t.is_punct(i + 1, ',')) {
          ++i;
          break;
        }
      }
      if (!t.is_punct(i, ')')) {
        out.table_name.clear();
        return out;
      }
      ++i;
    }
    if (!t.is_word(i, "VALUES") && !t.is_word(i, "VALUE")) {
      out.table_name.clear();
      return out;
    }
    ++i;
    while (t.is_punct(i, '(')) {
      std::size_t position = 0, depth = 1;
      for (++i; i < t.size() && depth > 0; ++i) {
        if (t.is_punct(i, '(')) {
          ++depth;
        } else if (t.is_punct(i, ')')) {
          --depth;
        } else if (depth == 1 && t.is_punct(i, ',')) {
          ++position;
        } else if (depth == 1 && t.is_punct(i, '?') && (t.is_punct(i - 1, '(') || t.is_punct(i - 1, ',')) &&
                   (t.is_punct(i + 1, ',') || t.is_punct(i + 1, ')'))) {
          const std::size_t m = marker_index(i);
          if (m == markers.size()) continue;
          if (names.empty()) out.positions[m] = static_cast<int>(position);
          else if (position < names.size()) out.columns[m] = names[position];
        }
      }
      if (!t.is_punct(i, ',')) break;
      ++i;
    }
    rest = i;
  } else if (t.is_word(0, "UPDATE")) {
    i = 1;
    skip_words(t, i, {"LOW_PRIORITY", "IGNORE"});
    if (!table_name(t, i, out) || !t.is_word(i, "SET")) {
      out.table_name.clear();
      return out;
    }
    rest = i;
  } else if (t.is_word(0, "DELETE")) {
    i = 1;
    skip_words(t, i, {"LOW_PRIORITY", "QUICK", "IGNORE"});
    if (!t.is_word(i, "FROM")) return out;
    ++i;
    if (!table_name(t, i, out) || !ends_table_clause(t, i)) {
      out.table_name.clear();
      return out;
    }
    rest = i;
  } else if (t.is_word(0, "SELECT")) {
    std::size_t depth = 0;
    for (i = 1; i < t.size(); ++i) {
      if (t.is_punct(i, '(')) ++depth;
      else if (t.is_punct(i, ')') && depth > 0) --depth;
      else if (depth == 0 && t.is_word(i, "FROM")) break;
    }
    if (i >= t.size()) return out;
    ++i;
    if (!table_name(t, i, out)) return out;
    if (t.is_word(i, "AS")) ++i;
    if (!ends_table_clause(t, i) && t.is_identifier(i)) ++i;  // an alias
    if (!ends_table_clause(t, i) || t.is_word(i, "SET")) {
      out.table_name.clear();
      return out;
    }
    rest = i;
  } else {
    return out;
  }

  // "col <op> ?" after the table clause.
  for (std::size_t k = std::max<std::size_t>(rest, 2); k < t.size(); ++k) {
    if (!t.is_punct(k, '?')) continue;
    const std::size_t m = marker_index(k);
    if (m == markers.size() || !out.columns[m].empty() || out.positions[m] >= 0) continue;
    std::size_t j = k - 1;
    if (t.is_word(j, "LIKE")) {
      j -= 1;
      if (t.is_word(j, "NOT")) j -= 1;
    } else if (t.is_punct(j, '=') || t.is_punct(j, '<') || t.is_punct(j, '>')) {
      // "=", "<", ">", "<=", ">=", "<>", "!=", "<=>": the operator's bytes are adjacent.
      while (j > 0 && t[j - 1].end == t[j].begin &&
             (t.is_punct(j - 1, '<') || t.is_punct(j - 1, '>') || t.is_punct(j - 1, '!') ||
              t.is_punct(j - 1, '=')))
        --j;
      if (j == 0 || t.is_punct(j - 1, ':')) continue;  // ":=" assigns a variable
      j -= 1;
    } else {
      continue;
    }
    if (!t.is_identifier(j) || (j > 0 && t.is_punct(j - 1, '@'))) continue;
    bool keyword = false;
    for (std::string_view w : {"WHERE", "AND", "OR", "NOT", "SET", "ON", "XOR", "NULL", "IS"})
      keyword = keyword || (t[j].kind == TokenKind::word && t.is_word(j, w));
    if (keyword) continue;
    out.columns[m] = t.identifier(j);
  }
  return out;
}

}  // namespace holdfast
