#include "core/param_batch.h"

namespace holdfast {
namespace {

bool is_code(const Token& t) {
  return t.kind != TokenKind::whitespace && t.kind != TokenKind::comment;
}

// An identifier token without its quotes (a doubled quote inside stands for one).
bool identifier(const SqlLexer& lex, const Token& t, std::string& out) {
  const std::string_view v = lex.view(t);
  if (t.kind == TokenKind::word) {
    out.assign(v);
    return true;
  }
  if (t.kind != TokenKind::quoted_identifier || !t.terminated || v.size() < 2) return false;
  const char quote = v.front();
  out.clear();
  for (std::size_t i = 1; i + 1 < v.size(); ++i) {
    out += v[i];
    if (v[i] == quote) ++i;
  }
  return true;
}

Token next_code(SqlLexer& lex) {
  Token t = lex.next();
  while (t.kind != TokenKind::end && !is_code(t)) t = lex.next();
  return t;
}

}  // namespace

std::optional<InsertRow> single_row_insert(std::string_view sql, const std::vector<std::size_t>& markers,
                                           const ScanOptions& options) {
  SqlLexer lex(sql, options);
  Token t = lex.next();
  while (t.kind != TokenKind::end && !is_code(t)) t = lex.next();
  if (t.kind != TokenKind::word || !(keyword_equals(lex.view(t), "INSERT") || keyword_equals(lex.view(t), "REPLACE")))
    return std::nullopt;
  InsertRow row;
  // The target table, after the optional modifiers.
  t = next_code(lex);
  while (t.kind == TokenKind::word &&
         (keyword_equals(lex.view(t), "LOW_PRIORITY") || keyword_equals(lex.view(t), "DELAYED") ||
          keyword_equals(lex.view(t), "HIGH_PRIORITY") || keyword_equals(lex.view(t), "IGNORE") ||
          keyword_equals(lex.view(t), "INTO")))
    t = next_code(lex);
  if (!identifier(lex, t, row.table_name)) return std::nullopt;
  if (lex.peek().kind == TokenKind::punct && lex.first_byte(lex.peek()) == '.') {
    lex.next();
    row.table_schema = std::move(row.table_name);
    if (!identifier(lex, lex.next(), row.table_name)) return std::nullopt;
  }
  int depth = 0;
  bool found = false;
  for (t = lex.next(); t.kind != TokenKind::end; t = lex.next()) {
    if (!t.terminated || t.kind == TokenKind::exec_comment_open || t.kind == TokenKind::exec_comment_close)
      return std::nullopt;
    if (t.kind == TokenKind::punct) {
      const char c = lex.first_byte(t);
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (c == ';') return std::nullopt;  // VALUES not reached before the statement ended
      continue;
    }
    if (depth == 0 && t.kind == TokenKind::word &&
        (keyword_equals(lex.view(t), "VALUES") || keyword_equals(lex.view(t), "VALUE"))) {
      found = true;
      break;
    }
  }
  if (!found) return std::nullopt;
  t = next_code(lex);
  if (t.kind != TokenKind::punct || lex.first_byte(t) != '(') return std::nullopt;
  row.tuple_begin = t.begin;
  depth = 1;
  while (depth > 0) {
    t = lex.next();
    if (t.kind == TokenKind::end || !t.terminated || t.kind == TokenKind::exec_comment_open) return std::nullopt;
    if (t.kind == TokenKind::punct) {
      const char c = lex.first_byte(t);
      if (c == '(') ++depth;
      if (c == ')') --depth;
    }
  }
  row.tuple_end = t.end;
  // Only spaces, comments and ';' may follow.
  for (t = lex.next(); t.kind != TokenKind::end; t = lex.next()) {
    if (!is_code(t)) {
      if (!t.terminated) return std::nullopt;
      continue;
    }
    if (t.kind != TokenKind::punct || lex.first_byte(t) != ';') return std::nullopt;
  }
  for (std::size_t m : markers)
    if (m < row.tuple_begin || m >= row.tuple_end) return std::nullopt;
  return row;
}

}  // namespace holdfast
