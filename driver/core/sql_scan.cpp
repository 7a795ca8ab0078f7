#include "core/sql_scan.h"

#include <algorithm>
#include <array>

namespace holdfast {

namespace {

constexpr std::size_t kMaxKeywordLength = 64;

constexpr std::array<std::string_view, 8> kReadKeywords{"SELECT", "SHOW",   "DESCRIBE", "DESC",
                                                        "EXPLAIN", "WITH", "VALUES",   "TABLE"};

// Words that make a read candidate unsafe to run twice, or whose answer depends on
// session state a new connection would not have.
constexpr std::array<std::string_view, 13> kWriteWords{
    "INTO",    "UPDATE", "DELETE", "LOCK",           "GET_LOCK",   "RELEASE_LOCK", "RELEASE_ALL_LOCKS",
    "NEXTVAL", "SETVAL", "LASTVAL", "LAST_INSERT_ID", "FOUND_ROWS", "ROW_COUNT"};

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& list) noexcept {
  for (auto k : list) {
    if (keyword_equals(word, k)) return true;
  }
  return false;
}

enum class PrevWord : unsigned char { none, for_, next_or_previous };

}  // namespace

void scan_sql(std::string_view sql, const ScanOptions& options, ScanResult& out) {
  out.clear();
  SqlLexer lex(sql, options);

  bool first_seen = false;     // the first significant token has been looked at
  bool candidate = false;      // first keyword is a read keyword
  bool unsafe = false;         // something rules out a read
  bool after_semicolon = false;
  bool insert_pending = false;  // INSERT/REPLACE seen: a '(' next makes it a function
  PrevWord prev = PrevWord::none;

  for (Token t = lex.next(); t.kind != TokenKind::end; t = lex.next()) {
    switch (t.kind) {
      case TokenKind::whitespace:
      case TokenKind::comment:
      case TokenKind::exec_comment_open:
      case TokenKind::exec_comment_close:
        continue;
      default:
        break;
    }
    const bool is_punct = t.kind == TokenKind::punct;
    const char p = is_punct ? sql[t.begin] : '\0';

    if (after_semicolon && p != ';') out.multiple_statements = true;
    if (insert_pending) {
      if (p != '(') unsafe = true;
      insert_pending = false;
    }

    if (!first_seen) {
      if (p == '(') continue;  // "(SELECT ...) UNION (SELECT ...)"
      first_seen = true;
      if (t.kind == TokenKind::word) {
        const std::size_t len = std::min(t.end - t.begin, kMaxKeywordLength);
        out.first_keyword.assign(sql.data() + t.begin, len);
        for (char& c : out.first_keyword) {
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        }
        candidate = is_one_of(out.first_keyword, kReadKeywords);
        continue;
      }
    }

    PrevWord next_prev = PrevWord::none;
    if (is_punct) {
      switch (p) {
        case '?':
          out.markers.push_back(t.begin);
          break;
        case ';':
          after_semicolon = true;
          break;
        case '{':
          out.has_escape = true;
          break;
        case '@':
          // @x and @'x' are user variables; @@x is a system variable.
          if (candidate && (t.begin == 0 || sql[t.begin - 1] != '@') &&
              (t.end >= sql.size() || sql[t.end] != '@')) {
            unsafe = true;
          }
          break;
        case ':':
          if (t.end < sql.size() && sql[t.end] == '=') unsafe = true;
          break;
        default:
          break;
      }
    } else if (candidate && t.kind == TokenKind::word && t.end - t.begin <= 17) {
      const std::string_view w = sql.substr(t.begin, t.end - t.begin);
      if (is_one_of(w, kWriteWords)) {
        unsafe = true;
      } else if (keyword_equals(w, "INSERT") || keyword_equals(w, "REPLACE")) {
        insert_pending = true;
      } else if (keyword_equals(w, "FOR")) {
        next_prev = PrevWord::for_;
      } else if (keyword_equals(w, "NEXT") || keyword_equals(w, "PREVIOUS")) {
        next_prev = PrevWord::next_or_previous;
      } else if (prev == PrevWord::for_ && keyword_equals(w, "SHARE")) {
        unsafe = true;
      } else if (prev == PrevWord::next_or_previous && keyword_equals(w, "VALUE")) {
        unsafe = true;
      }
    }
    prev = next_prev;
  }
  if (insert_pending) unsafe = true;
  out.is_read = candidate && !unsafe && !out.multiple_statements;
}

}  // namespace holdfast
