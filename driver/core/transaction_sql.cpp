#include "core/transaction_sql.h"

#include "core/sql_lexer.h"

namespace holdfast {

namespace {

bool equals_upper(std::string_view word, std::string_view upper) noexcept {
  if (word.size() != upper.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

// The next token that is not space or a comment.
Token next_code(SqlLexer& lexer) noexcept {
  for (;;) {
    const Token t = lexer.next();
    if (t.kind != TokenKind::whitespace && t.kind != TokenKind::comment) return t;
  }
}

}  // namespace

TransactionEnd transaction_end_of(std::string_view sql) noexcept {
  // Only words, ';', space and comments matter: the default options read them alike.
  SqlLexer lexer(sql, ScanOptions{});
  Token t = next_code(lexer);
  if (t.kind != TokenKind::word) return TransactionEnd::none;
  TransactionEnd end = TransactionEnd::none;
  if (equals_upper(lexer.view(t), "ROLLBACK")) end = TransactionEnd::rollback;
  else if (equals_upper(lexer.view(t), "COMMIT")) end = TransactionEnd::commit;
  else return TransactionEnd::none;
  t = next_code(lexer);
  if (t.kind == TokenKind::word && equals_upper(lexer.view(t), "WORK")) t = next_code(lexer);
  if (t.kind == TokenKind::punct && lexer.first_byte(t) == ';') t = next_code(lexer);
  return t.kind == TokenKind::end ? end : TransactionEnd::none;
}

}  // namespace holdfast
