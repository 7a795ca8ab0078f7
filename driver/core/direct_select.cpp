#include "core/direct_select.h"

namespace holdfast {

bool is_direct_select(std::string_view sql, const ScanOptions& options) noexcept {
  SqlLexer lexer(sql, options);
  bool first = true, from = false, ended = false;
  for (Token t = lexer.next(); t.kind != TokenKind::end; t = lexer.next()) {
    switch (t.kind) {
      case TokenKind::whitespace:
      case TokenKind::comment:
        continue;
      case TokenKind::exec_comment_open:
      case TokenKind::exec_comment_close:
        return false;
      case TokenKind::word:
        if (ended) return false;  // a second statement
        if (first) {
          if (!keyword_equals(lexer.view(t), "SELECT")) return false;
          first = false;
        } else if (!from && keyword_equals(lexer.view(t), "FROM")) {
          from = true;
        }
        continue;
      case TokenKind::punct:
        if (first) return false;  // "(SELECT ...)", "{...}": the text path
        if (lexer.first_byte(t) == ';') {
          ended = true;
          continue;
        }
        if (ended || lexer.first_byte(t) == '?') return false;
        continue;
      default:
        if (first || ended || !t.terminated) return false;
        continue;
    }
  }
  return !first && from;
}

}  // namespace holdfast
