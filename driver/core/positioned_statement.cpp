#include "core/positioned_statement.h"

#include <strings.h>

#include <array>
#include <mutex>

#include "core/connection.h"
#include "core/odbc_error.h"
#include "core/param_literal.h"
#include "core/scroll_cursor.h"
#include "core/statement.h"

namespace holdfast {
namespace {

bool significant(const Token& t) noexcept {
  return t.kind != TokenKind::whitespace && t.kind != TokenKind::comment && t.kind != TokenKind::end;
}

bool is_name(const Token& t) noexcept { return t.kind == TokenKind::word || t.kind == TokenKind::quoted_identifier; }

// A word or quoted identifier as the name it stands for.
std::string unquote(std::string_view text, const Token& t) {
  std::string_view v = text.substr(t.begin, t.end - t.begin);
  if (t.kind != TokenKind::quoted_identifier || v.size() < 2) return std::string(v);
  const char quote = v.front();
  v = v.substr(1, v.size() - (t.terminated ? 2 : 1));
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    out += v[i];
    if (v[i] == quote && i + 1 < v.size() && v[i + 1] == quote) ++i;
  }
  return out;
}

// Reads the table reference after UPDATE [LOW_PRIORITY] [IGNORE] or
// DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM; false when the statement is not shaped so.
bool read_table(std::string_view sql, const ScanOptions& options, PositionedText& out) {
  SqlLexer lexer(sql, options);
  auto next = [&] {
    Token t = lexer.next();
    while (t.kind != TokenKind::end && !significant(t)) t = lexer.next();
    return t;
  };
  Token t = next();
  if (t.kind != TokenKind::word) return false;
  const bool update = keyword_equals(lexer.view(t), "UPDATE");
  if (!update && !keyword_equals(lexer.view(t), "DELETE")) return false;
  out.update = update;
  t = next();
  while (t.kind == TokenKind::word &&
         (keyword_equals(lexer.view(t), "LOW_PRIORITY") || keyword_equals(lexer.view(t), "IGNORE") ||
          (!update && keyword_equals(lexer.view(t), "QUICK"))))
    t = next();
  if (!update) {
    if (t.kind != TokenKind::word || !keyword_equals(lexer.view(t), "FROM")) return false;
    t = next();
  }
  if (!is_name(t)) return false;
  out.table = unquote(sql, t);
  const Token dot = lexer.peek();
  if (dot.kind == TokenKind::punct && lexer.first_byte(dot) == '.') {
    lexer.next();
    const Token second = lexer.next();
    if (!is_name(second)) return false;
    out.schema = std::move(out.table);
    out.table = unquote(sql, second);
  }
  return true;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<PositionedText> find_positioned(std::string_view sql, const ScanOptions& options) {
  // The last four tokens of code before any trailing ';': WHERE CURRENT OF <name>.
  SqlLexer lexer(sql, options);
  std::array<Token, 4> last{};
  std::size_t seen = 0;
  bool after_semicolon = false;
  for (Token t = lexer.next(); t.kind != TokenKind::end; t = lexer.next()) {
    if (!significant(t)) continue;
    if (t.kind == TokenKind::punct && lexer.first_byte(t) == ';') {
      after_semicolon = true;
      continue;
    }
    if (after_semicolon) return std::nullopt;  // more than one statement
    if (lexer.in_exec_comment() || t.kind == TokenKind::exec_comment_open ||
        t.kind == TokenKind::exec_comment_close) {
      seen = 0;  // WHERE CURRENT OF inside an executable comment is not ours to rewrite
      continue;
    }
    last[seen % 4] = t;
    ++seen;
  }
  if (seen < 4) return std::nullopt;
  const Token& where = last[(seen - 4) % 4];
  const Token& current = last[(seen - 3) % 4];
  const Token& of = last[(seen - 2) % 4];
  const Token& name = last[(seen - 1) % 4];
  if (where.kind != TokenKind::word || !keyword_equals(lexer.view(where), "WHERE") ||
      current.kind != TokenKind::word || !keyword_equals(lexer.view(current), "CURRENT") ||
      of.kind != TokenKind::word || !keyword_equals(lexer.view(of), "OF") || !is_name(name))
    return std::nullopt;
  PositionedText out;
  if (!read_table(sql.substr(0, where.begin), options, out)) return std::nullopt;
  out.text.assign(sql.substr(0, where.begin));
  while (!out.text.empty() && is_sql_space(static_cast<unsigned char>(out.text.back()))) out.text.pop_back();
  out.cursor = unquote(sql, name);
  return out;
}

namespace {

std::mutex& statement_mutex(const void* owner) {
  return static_cast<Statement*>(const_cast<void*>(owner))->mutex();
}

}  // namespace

// The statement's text for this execution: the positioned statement with a WHERE clause
// finding the named cursor's current row, as the cursor read it.
void Statement::rewrite_positioned() {
  PositionedText& p = *positioned_;
  if (apd_->header().array_size > 1)
    throw OdbcError("HYC00", "Optional feature not implemented: arrays of parameters with a positioned statement");
  // The positioned statement holds its own lock; waiting for another statement's lock here
  // could deadlock with a positioned statement running the other way. The lock is tried
  // while the name is looked up: held, the cursor's statement cannot be freed meanwhile.
  std::unique_lock<std::mutex> lock;
  const void* owner = connection_.cursor_names.owner_locked(p.cursor, this, &statement_mutex, lock);
  if (!owner)
    throw OdbcError("34000", "Invalid cursor name: no statement of the connection has a cursor named '" + p.cursor +
                                 "'");
  if (owner == this)
    throw OdbcError("34000", "Invalid cursor name: the cursor '" + p.cursor + "' is this statement's own, and not open");
  auto& target = *static_cast<Statement*>(const_cast<void*>(owner));
  if (!lock.owns_lock())
    throw OdbcError("HY000", "The statement of cursor '" + p.cursor + "' is in use by another thread");
  if (target.dae_.active || !target.result_)
    throw OdbcError("34000", "Invalid cursor name: the cursor '" + p.cursor + "' is not open");
  ScrollCursor* cursor = target.result_->as_scroll();
  if (!cursor)
    throw OdbcError("HY000", "The driver cannot change this row safely: the cursor '" + p.cursor +
                                 "' is forward-only (positioned statements need SQL_ATTR_CURSOR_TYPE "
                                 "SQL_CURSOR_STATIC)");
  if (!target.row_valid_ || cursor->rowset_rows == 0 || cursor->current() < 0 ||
      cursor->current() >= cursor->row_count())
    throw OdbcError("24000", "Invalid cursor state: the cursor '" + p.cursor + "' is not positioned on a row");
  if (cursor->mark(cursor->current()) == ScrollCursor::Mark::deleted)
    throw OdbcError("24000", "Invalid cursor state: the current row of cursor '" + p.cursor + "' was deleted");
  const ScanOptions scan = scan_options();
  const LiteralOptions literal{scan.charset, scan.no_backslash_escapes};
  std::string where = positioned_where(target, *cursor, literal);  // learns the table: HY000 if no key
  // The statement must change the cursor's table, not another one with the same columns.
  for (const ColumnMeta& c : cursor->columns()) {
    if (c.org_table.empty() || c.org_name.empty()) continue;
    if (!same_name(c.org_table, p.table) || (!p.schema.empty() && !same_name(c.db, p.schema)))
      throw OdbcError("HY000", "The positioned statement changes " + (p.schema.empty() ? "" : p.schema + ".") +
                                   p.table + ", but the rows of cursor '" + p.cursor + "' come from " +
                                   cursor->table.name);
    break;
  }
  sql_ = p.text;
  sql_ += where;
  sql_ += " LIMIT 1";
}

// One row changed: the cursor learns of it. None: the row was changed or deleted by
// someone else since it was read (01001), unless an UPDATE left it as it was.
SQLRETURN Statement::finish_positioned() {
  const PositionedText& p = *positioned_;
  std::unique_lock<std::mutex> lock;
  const void* owner = connection_.cursor_names.owner_locked(p.cursor, this, &statement_mutex, lock);
  Statement* target = lock.owns_lock() ? static_cast<Statement*>(const_cast<void*>(owner)) : nullptr;
  ScrollCursor* cursor = nullptr;
  if (target && target->result_) cursor = target->result_->as_scroll();
  const ScanOptions scan = scan_options();
  const LiteralOptions literal{scan.charset, scan.no_backslash_escapes};
  bool changed = affected_rows_ == 1;
  try {
    if (!changed && p.update && cursor) changed = positioned_row_unchanged(*target, *cursor, literal);
    if (changed && cursor) positioned_changed(*target, *cursor, literal, p.update);
  } catch (const OdbcError& e) {
    warn("01000", std::string("The row was changed; the cursor could not read it back: ") + e.what());
    return SQL_SUCCESS_WITH_INFO;
  }
  if (changed) {
    affected_rows_ = 1;
    diag().row_count = 1;
    return SQL_SUCCESS;
  }
  warn("01001", "Cursor operation conflict: the current row of cursor '" + p.cursor +
                    "' was changed or deleted by another transaction since it was read; nothing was changed");
  return SQL_SUCCESS_WITH_INFO;
}

}  // namespace holdfast
