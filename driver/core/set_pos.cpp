// SQLSetPos (SQL_POSITION, SQL_REFRESH, SQL_UPDATE, SQL_DELETE, SQL_ADD) and
// SQLBulkOperations (SQL_ADD) on a static cursor.
//
// Rows are changed with statements the driver writes: UPDATE / DELETE ... WHERE <key> LIMIT 1
// on the one table the result's columns come from, where <key> is a primary key, or a
// unique key of NOT NULL columns, all of whose columns are in the result (learnt from
// information_schema.STATISTICS), and the statement is one plain SELECT. Any other result
// (a join, a subquery or derived table, a union, expressions only, a view, a table without
// such a key) is refused with HY000 naming the reason, before anything is
// sent. With SQL_CONCUR_VALUES (optimistic concurrency) the WHERE clause also compares the
// row's other columns (all but approximate numbers and geometry) with the values the
// cursor read, so a row another connection changed is left alone (01001). Each change is
// one write through the session: never re-run after a lost link (RESILIENCE.md section 4).
#include <strings.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/bulk_by_bookmark.h"
#include "core/catalog_query.h"
#include "core/connection.h"
#include "core/native_value.h"
#include "core/param_literal.h"
#include "core/positioned_statement.h"
#include "core/rowset_cell.h"
#include "core/scroll_cursor.h"
#include "core/sql_lexer.h"
#include "core/statement.h"

namespace holdfast {
namespace {

void append_identifier(std::string& out, std::string_view name) {
  out += '`';
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
}

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// A value the cursor read, as a literal.
void append_value_literal(std::string& out, const ColumnMeta& column, const SourceValue& value,
                          const LiteralOptions& options) {
  char room[kNativeTextRoom];
  const SourceValue v = native_as_text(column, value, room);
  if (v.is_null) {
    out += "NULL";
  } else if (column.kind == ValueKind::binary || column.kind == ValueKind::bit) {
    append_hex_literal(out, std::string_view(v.data, v.length));
  } else {
    append_quoted_string(out, std::string_view(v.data, v.length), options);
  }
}

bool is_word(std::string_view word, const char* keyword) {
  return word.size() == std::strlen(keyword) && strncasecmp(word.data(), keyword, word.size()) == 0;
}

// Whether `sql` is one plain SELECT: a derived table, a CTE, a subquery or a JSON_TABLE
// reports its own alias as a column's base table (indistinguishable from a real table of
// that name), so only a statement without them lets the columns name their table.
bool plain_select(std::string_view sql, const ScanOptions& options) {
  SqlLexer lexer(sql, options);
  int selects = 0;
  bool first = true;
  for (Token t = lexer.next(); t.kind != TokenKind::end; t = lexer.next()) {
    if (t.kind == TokenKind::whitespace || t.kind == TokenKind::comment) continue;
    if (t.kind == TokenKind::exec_comment_open) return false;
    if (t.kind != TokenKind::word) {
      first = false;
      continue;
    }
    const std::string_view word = lexer.view(t);
    if (first && !is_word(word, "SELECT")) return false;
    first = false;
    if (is_word(word, "SELECT")) ++selects;
    if (is_word(word, "JSON_TABLE") || is_word(word, "UNION") || is_word(word, "INTERSECT") ||
        is_word(word, "EXCEPT"))
      return false;
  }
  return selects == 1;
}

// Whether `column`'s values can be compared exactly with the text the cursor read.
bool comparable(const ColumnMeta& column) {
  return column.kind != ValueKind::floating && column.mysql_type != MYSQL_TYPE_GEOMETRY;
}

}  // namespace

struct SetPosOps {
  Statement& s;
  ScrollCursor& cursor;
  LiteralOptions literal;
  // SQLBulkOperations by bookmark (core/bulk_by_bookmark.cpp): the cursor row of each
  // rowset buffer row, instead of the rowset's.
  const std::vector<std::int64_t>* targets = nullptr;

  std::int64_t row_at(SQLULEN row) const {
    return targets ? (*targets)[row] : cursor.rowset_start + static_cast<std::int64_t>(row);
  }

  // Learns the table and key of the cursor's rows (one information_schema query, once).
  void learn_table() {
    ScrollCursor::Table& t = cursor.table;
    if (t.known) return;
    if (!plain_select(s.sql_, s.scan_options())) {
      t.refusal = "the statement is not one plain SELECT (derived tables, subqueries, CTEs and unions hide "
                  "which table a column comes from)";
      t.known = true;
      return;
    }
    const std::vector<ColumnMeta>& columns = cursor.columns();
    const ColumnMeta* base = nullptr;
    for (const ColumnMeta& c : columns) {
      if (c.org_table.empty() || c.org_name.empty()) continue;
      if (!base) {
        base = &c;
      } else if (c.org_table != base->org_table || c.table != base->table || c.db != base->db) {
        t.refusal = "the result's columns come from more than one table";
        t.known = true;
        return;
      }
    }
    if (!base || base->db.empty()) {
      t.refusal = "the result has no columns of a table";
      t.known = true;
      return;
    }
    t.name.clear();
    append_identifier(t.name, base->db);
    t.name += '.';
    append_identifier(t.name, base->org_table);
    std::string sql =
        "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE NON_UNIQUE = 0 AND TABLE_SCHEMA = ";
    append_quoted_string(sql, base->db, literal);
    sql += " AND TABLE_NAME = ";
    append_quoted_string(sql, base->org_table, literal);
    sql += " ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX";
    std::unique_ptr<ResultSet> keys = run_catalog_query(s, sql);
    std::string index;
    std::vector<std::size_t> parts;
    bool usable = false;
    auto finish_index = [&] {
      if (usable && !parts.empty() && t.key_columns.empty()) t.key_columns = parts;
    };
    while (keys->next()) {
      const std::string name = column_text(*keys, 0).value_or("");
      const std::string column = column_text(*keys, 1).value_or("");
      if (name != index) {
        finish_index();
        index = name;
        parts.clear();
        usable = true;
      }
      auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnMeta& c) {
        return !c.org_table.empty() && same_name(c.org_name, column);
      });
      if (it == columns.end() || (name != "PRIMARY" && !(it->flags & NOT_NULL_FLAG))) {
        usable = false;
      } else {
        parts.push_back(static_cast<std::size_t>(it - columns.begin()));
      }
    }
    finish_index();
    if (t.key_columns.empty())
      t.refusal = "the result does not hold all columns of a primary key or of a unique key of NOT NULL columns of " +
                  t.name;
    t.known = true;
  }

  void require_key() {
    learn_table();
    if (!cursor.table.refusal.empty())
      throw OdbcError("HY000", "The driver cannot change this row safely: " + cursor.table.refusal);
  }

  void require_table() {
    learn_table();
    if (cursor.table.name.empty())
      throw OdbcError("HY000", "The driver cannot add rows here: " + cursor.table.refusal);
  }

  // "WHERE ..." identifying the cursor's current row: its key, and with optimistic
  // concurrency its other comparable columns, as the cursor read them.
  std::string where_current(bool compare_values) {
    std::string out = " WHERE ";
    const std::vector<ColumnMeta>& columns = cursor.columns();
    bool first = true;
    auto add = [&](std::size_t i, bool key) {
      const ColumnMeta& c = columns[i];
      if (!first) out += " AND ";
      first = false;
      append_identifier(out, c.org_name);
      out += key ? " = " : " <=> ";
      append_value_literal(out, c, cursor.value(i), literal);
    };
    for (std::size_t i : cursor.table.key_columns) add(i, true);
    if (compare_values) {
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const ColumnMeta& c = columns[i];
        if (c.org_table.empty() || c.org_name.empty() || !comparable(c)) continue;
        if (std::find(cursor.table.key_columns.begin(), cursor.table.key_columns.end(), i) !=
            cursor.table.key_columns.end())
          continue;
        add(i, false);
      }
    }
    return out;
  }

  // The application's value for column `i` of rowset row `row` (from 0), as a literal;
  // false when the column is not bound or its length is SQL_COLUMN_IGNORE.
  bool bound_literal(std::size_t i, SQLULEN row, std::string& out) {
    const ColumnMeta& c = cursor.columns()[i];
    RowsetCell cell;
    if (!locate_rowset_cell(s.ard(), i + 1, c.default_c_type, row, cell)) return false;
    const DescRecord* b = cell.record;
    const SQLSMALLINT c_type = cell.c_type;
    const SQLLEN* indicator = cell.indicator;
    const SQLLEN* length = cell.length;
    if (indicator && *indicator == SQL_COLUMN_IGNORE) return false;
    SQLLEN effective = length ? *length : SQL_NTS;
    if (indicator && *indicator == SQL_NULL_DATA) effective = SQL_NULL_DATA;
    // Data at execution: the value SQLPutData sent (core/set_pos_data_at_exec.cpp).
    const DaeValue* sent = nullptr;
    if (is_data_at_exec_indicator(effective)) {
      sent = s.cursor_dae_value(i, row);
      if (!sent) throw OdbcError("HY010", "Function sequence error: column " + std::to_string(i + 1) +
                                              " waits for data at execution");
    }
    if (c.org_table.empty() || c.org_name.empty())
      throw OdbcError("HY000", "Column " + std::to_string(i + 1) + " (" + c.name + ") is not a column of " +
                                   cursor.table.name + ": unbind it or set its length to SQL_COLUMN_IGNORE");
    ParamSource p;
    p.c_type = c_type;
    p.sql_type = c.sql_type;
    p.column_size = c.column_size;
    p.decimal_digits = c.decimal_digits;
    p.value = cell.data;
    p.buffer_length = b->octet_length;
    p.str_len_or_ind = &effective;
    if (c_type == SQL_C_NUMERIC) {
      p.column_size = static_cast<SQLULEN>(numeric_precision(*b));
      p.decimal_digits = numeric_scale(*b);
    }
    if (sent) {
      p.c_type = sent->c_type;
      p.value = sent->bytes.data();
      p.buffer_length = static_cast<SQLLEN>(sent->bytes.size());
      p.str_len_or_ind = &sent->indicator;
    }
    append_param_literal(out, p, literal);
    return true;
  }

  StatementReply write(const std::string& sql) {
    Session& session = s.connection().session();
    SessionLock lock(session, &s);
    StatementReply reply = session.execute(sql, false, s.query_timeout());
    if (reply.more_results) session.drain_results();
    return reply;
  }

  // Re-reads the current row (cursor positioned on it) by key; false when it is gone.
  // `where` identifies it (its new key after an update).
  bool reread(const std::string& where) {
    const std::vector<ColumnMeta>& columns = cursor.columns();
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) sql += ", ";
      if (columns[i].org_table.empty() || columns[i].org_name.empty()) {
        sql += "NULL";  // an expression keeps the value the cursor read (below)
      } else {
        append_identifier(sql, columns[i].org_name);
      }
    }
    sql += " FROM " + cursor.table.name + where + " LIMIT 1";
    std::unique_ptr<ResultSet> fresh = run_catalog_query(s, sql);
    if (!fresh->next()) return false;
    ScrollCursor::Row row(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const bool expression = columns[i].org_table.empty() || columns[i].org_name.empty();
      row[i] = column_text(expression ? static_cast<const ResultSet&>(cursor) : *fresh, i);
    }
    cursor.replace_row(cursor.current(), std::move(row));
    return true;
  }

  // The rows of the rowset an operation on `row_number` (0 = all) applies to.
  std::pair<SQLULEN, SQLULEN> rows_for(SQLSETPOSIROW row_number) const {
    if (row_number == 0) return {0, targets ? targets->size() : cursor.rowset_rows};
    return {row_number - 1, row_number};
  }

  bool ignored(SQLULEN row, SQLSETPOSIROW row_number) const {
    const SQLUSMALLINT* operations = s.ard().header().array_status_ptr;
    return row_number == 0 && operations && operations[row] == SQL_ROW_IGNORE;
  }

  void set_status(SQLULEN row, SQLUSMALLINT value) {
    if (SQLUSMALLINT* status = s.ird().header().array_status_ptr) status[row] = value;
  }

  SQLRETURN refresh(SQLSETPOSIROW row_number) {
    learn_table();
    const bool by_key = cursor.table.refusal.empty();
    auto [from, to] = rows_for(row_number);
    SQLRETURN rc = SQL_SUCCESS;
    for (SQLULEN row = from; row < to; ++row) {
      if (ignored(row, row_number)) continue;
      const std::int64_t at = row_at(row);
      cursor.seek(at);
      if (cursor.mark(at) == ScrollCursor::Mark::deleted) {
        set_status(row, SQL_ROW_DELETED);
        continue;
      }
      if (by_key && !reread(where_current(false))) {
        cursor.set_mark(at, ScrollCursor::Mark::deleted);
        set_status(row, SQL_ROW_DELETED);
        continue;
      }
      const SQLRETURN one = s.retrieve_data_ == SQL_RD_OFF ? SQL_SUCCESS : s.fetch_row_into(row);
      set_status(row, one == SQL_ERROR ? SQL_ROW_ERROR
                      : one == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO
                                                     : SQL_ROW_SUCCESS);
      if (one != SQL_SUCCESS) rc = SQL_SUCCESS_WITH_INFO;
    }
    return rc;
  }

  SQLRETURN change(SQLSETPOSIROW row_number, bool update) {
    require_key();
    const bool compare = s.concurrency_ == SQL_CONCUR_VALUES;
    auto [from, to] = rows_for(row_number);
    SQLRETURN rc = SQL_SUCCESS;
    std::size_t done = 0, tried = 0;
    for (SQLULEN row = from; row < to; ++row) {
      if (ignored(row, row_number)) continue;
      const std::int64_t at = row_at(row);
      cursor.seek(at);
      if (cursor.mark(at) == ScrollCursor::Mark::deleted)
        throw OdbcError("HY109", "Invalid cursor position: row " + std::to_string(row + 1) + " was deleted");
      ++tried;
      const std::string where = where_current(compare);
      std::string sql;
      std::string new_key_where;
      if (update) {
        sql = "UPDATE " + cursor.table.name + " SET ";
        bool any = false;
        std::vector<std::string> new_key(cursor.table.key_columns.size());
        for (std::size_t i = 0; i < cursor.columns().size(); ++i) {
          std::string value;
          if (!bound_literal(i, row, value)) continue;
          if (any) sql += ", ";
          any = true;
          append_identifier(sql, cursor.columns()[i].org_name);
          sql += " = " + value;
          for (std::size_t k = 0; k < new_key.size(); ++k)
            if (cursor.table.key_columns[k] == i) new_key[k] = value;
        }
        if (!any) throw OdbcError("HY000", "SQLSetPos SQL_UPDATE with no bound column to update");
        new_key_where = " WHERE ";
        for (std::size_t k = 0; k < new_key.size(); ++k) {
          const std::size_t i = cursor.table.key_columns[k];
          if (k) new_key_where += " AND ";
          append_identifier(new_key_where, cursor.columns()[i].org_name);
          new_key_where += " = ";
          if (new_key[k].empty()) {
            append_value_literal(new_key_where, cursor.columns()[i], cursor.value(i), literal);
          } else {
            new_key_where += new_key[k];
          }
        }
      } else {
        sql = "DELETE FROM " + cursor.table.name;
      }
      sql += where + " LIMIT 1";
      const StatementReply reply = write(sql);
      bool changed = reply.affected_rows == 1;
      // An UPDATE that matched the row but left it as it was reports no affected row
      // (unless the connection counts found rows): the row still matches what was read.
      if (!changed && update) changed = reread(where);
      if (!changed) {
        s.record_row(OdbcError("01001", "Cursor operation conflict: row " + std::to_string(row + 1) +
                                            " was changed or deleted by another transaction since it was read"),
                     static_cast<SQLLEN>(row + 1));
        set_status(row, SQL_ROW_ERROR);
        rc = SQL_SUCCESS_WITH_INFO;
        continue;
      }
      ++done;
      if (update) {
        cursor.set_mark(at, ScrollCursor::Mark::updated);
        set_status(row, SQL_ROW_UPDATED);
        if (reply.affected_rows == 1) {
          try {
            reread(new_key_where);
          } catch (const OdbcError& e) {
            s.warn("01000", std::string("The row was updated; reading it back failed: ") + e.what());
            rc = SQL_SUCCESS_WITH_INFO;
          }
        }
      } else {
        cursor.set_mark(at, ScrollCursor::Mark::deleted);
        set_status(row, SQL_ROW_DELETED);
      }
    }
    s.diag().row_count = static_cast<SQLLEN>(done);
    s.affected_rows_ = static_cast<SQLLEN>(done);
    if (tried && !done) return SQL_SUCCESS_WITH_INFO;
    return rc;
  }

  // INSERT of rowset rows [0, rows) from the bound buffers (one statement).
  SQLRETURN add(SQLULEN rows, SQLSETPOSIROW row_number) {
    require_table();
    const std::vector<ColumnMeta>& columns = cursor.columns();
    std::vector<std::size_t> bound;
    const DescHeader& h = s.ard().header();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const DescRecord* b = s.ard().record(i + 1);
      if (b && b->bound()) bound.push_back(i);
    }
    if (bound.empty()) throw OdbcError("HY000", "SQL_ADD with no bound column");
    std::string sql = "INSERT INTO " + cursor.table.name + " (";
    for (std::size_t n = 0; n < bound.size(); ++n) {
      if (n) sql += ", ";
      if (columns[bound[n]].org_table.empty() || columns[bound[n]].org_name.empty())
        throw OdbcError("HY000", "Column " + std::to_string(bound[n] + 1) + " (" + columns[bound[n]].name +
                                     ") is not a column of " + cursor.table.name + ": unbind it");
      append_identifier(sql, columns[bound[n]].org_name);
    }
    sql += ") VALUES ";
    const SQLUSMALLINT* operations = h.array_status_ptr;
    std::vector<SQLULEN> added;
    const SQLULEN from = row_number ? row_number - 1 : 0;
    const SQLULEN to = row_number ? row_number : rows;
    for (SQLULEN row = from; row < to; ++row) {
      if (operations && operations[row] == SQL_ROW_IGNORE) continue;
      sql += added.empty() ? "(" : ", (";
      for (std::size_t n = 0; n < bound.size(); ++n) {
        if (n) sql += ", ";
        if (!bound_literal(bound[n], row, sql)) sql += "DEFAULT";
      }
      sql += ')';
      added.push_back(row);
    }
    if (added.empty()) return SQL_SUCCESS;
    const StatementReply reply = write(sql);
    for (SQLULEN row : added) set_status(row, SQL_ROW_ADDED);
    s.diag().row_count = static_cast<SQLLEN>(reply.affected_rows);
    s.affected_rows_ = static_cast<SQLLEN>(reply.affected_rows);
    return SQL_SUCCESS;
  }
};

SQLRETURN Statement::set_pos(SQLSETPOSIROW row, SQLUSMALLINT operation, SQLUSMALLINT lock) {
  refuse_needing_data("SQLSetPos");
  require_result("SQLSetPos");
  if (operation != SQL_POSITION && operation != SQL_REFRESH && operation != SQL_UPDATE && operation != SQL_DELETE &&
      operation != SQL_ADD)
    throw OdbcError("HY092", "Invalid attribute/option identifier: SQLSetPos operation " + std::to_string(operation));
  if (lock != SQL_LOCK_NO_CHANGE && lock != SQL_LOCK_EXCLUSIVE && lock != SQL_LOCK_UNLOCK)
    throw OdbcError("HY092", "Invalid attribute/option identifier: SQLSetPos lock type " + std::to_string(lock));
  if (lock != SQL_LOCK_NO_CHANGE)
    throw OdbcError("HYC00", "Optional feature not implemented: only SQL_LOCK_NO_CHANGE is supported");
  ScrollCursor* cursor = result_->as_scroll();
  if (!cursor) return position_block(row, operation);
  if ((operation == SQL_UPDATE || operation == SQL_DELETE || operation == SQL_ADD) &&
      concurrency_ == SQL_CONCUR_READ_ONLY)
    throw OdbcError("HY092", "Invalid attribute/option identifier: the cursor is read-only "
                             "(SQL_ATTR_CONCURRENCY SQL_CONCUR_READ_ONLY)");
  for (PieceState& p : pieces_) p.reset();
  const ScanOptions scan = scan_options();
  SetPosOps ops{*this, *cursor, LiteralOptions{scan.charset, scan.no_backslash_escapes}};
  if (operation == SQL_ADD) {
    const SQLULEN size = ard_->header().array_size ? ard_->header().array_size : 1;
    if (row > size) throw OdbcError("HY107", "Row value out of range: the rowset has " + std::to_string(size) + " rows");
    ops.require_table();
    if (start_cursor_data_at_exec(SQL_ADD, row, false)) return SQL_NEED_DATA;
    return ops.add(size, row);
  }
  if (!row_valid_ || cursor->rowset_rows == 0)
    throw OdbcError("24000", "Invalid cursor state: the cursor is not on a rowset");
  if (row > cursor->rowset_rows)
    throw OdbcError("HY107", "Row value out of range: the rowset has " + std::to_string(cursor->rowset_rows) +
                                 " rows");
  const std::int64_t current = cursor->rowset_start + static_cast<std::int64_t>(row ? row - 1 : 0);
  SQLRETURN rc = SQL_SUCCESS;
  switch (operation) {
    case SQL_POSITION:
      if (cursor->mark(current) == ScrollCursor::Mark::deleted)
        throw OdbcError("HY109", "Invalid cursor position: the row was deleted");
      break;
    case SQL_REFRESH: rc = ops.refresh(row); break;
    case SQL_UPDATE:
      ops.require_key();
      if (start_cursor_data_at_exec(SQL_UPDATE, row, false)) return SQL_NEED_DATA;
      rc = ops.change(row, true);
      break;
    default: rc = ops.change(row, false); break;
  }
  cursor->seek(current);  // the row operated on (the rowset's first for row 0) is current
  return rc;
}

SQLRETURN Statement::bulk_operations(SQLSMALLINT operation) {
  if (operation == SQL_UPDATE_BY_BOOKMARK || operation == SQL_DELETE_BY_BOOKMARK ||
      operation == SQL_FETCH_BY_BOOKMARK)
    return bulk_by_bookmark(operation);
  if (operation != SQL_ADD)
    throw OdbcError("HY092", "Invalid attribute/option identifier: SQLBulkOperations operation " +
                                 std::to_string(operation));
  refuse_needing_data("SQLBulkOperations");
  require_result("SQLBulkOperations");
  if (concurrency_ == SQL_CONCUR_READ_ONLY)
    throw OdbcError("HY092", "Invalid attribute/option identifier: the cursor is read-only "
                             "(SQL_ATTR_CONCURRENCY SQL_CONCUR_READ_ONLY)");
  ScrollCursor* cursor = result_->as_scroll();
  if (!cursor)
    throw OdbcError("HYC00", "Optional feature not implemented: SQLBulkOperations needs a static cursor "
                             "(SQL_ATTR_CURSOR_TYPE SQL_CURSOR_STATIC)");
  const ScanOptions scan = scan_options();
  SetPosOps ops{*this, *cursor, LiteralOptions{scan.charset, scan.no_backslash_escapes}};
  const SQLULEN size = ard_->header().array_size ? ard_->header().array_size : 1;
  ops.require_table();
  if (start_cursor_data_at_exec(SQL_ADD, 0, true)) return SQL_NEED_DATA;
  return ops.add(size, 0);
}

SQLRETURN rows_operation(Statement& s, ScrollCursor& cursor, const std::vector<std::int64_t>& rows,
                         SQLSMALLINT operation) {
  const ScanOptions scan = s.scan_options();
  SetPosOps ops{s, cursor, LiteralOptions{scan.charset, scan.no_backslash_escapes}, &rows};
  if (operation == SQL_FETCH_BY_BOOKMARK) return ops.refresh(0);
  return ops.change(0, operation == SQL_UPDATE_BY_BOOKMARK);
}

// Positioned statements (core/positioned_statement.h) use the same key and values.
std::string positioned_where(Statement& cursor_statement, ScrollCursor& cursor, const LiteralOptions& literal) {
  SetPosOps ops{cursor_statement, cursor, literal};
  ops.require_key();
  return ops.where_current(true);
}

bool positioned_row_unchanged(Statement& cursor_statement, ScrollCursor& cursor, const LiteralOptions& literal) {
  SetPosOps ops{cursor_statement, cursor, literal};
  ops.require_key();
  std::unique_ptr<ResultSet> found =
      run_catalog_query(cursor_statement, "SELECT 1 FROM " + cursor.table.name + ops.where_current(true) + " LIMIT 1");
  return found->next();
}

void positioned_changed(Statement& cursor_statement, ScrollCursor& cursor, const LiteralOptions& literal,
                        bool update) {
  if (!update) {
    cursor.set_mark(cursor.current(), ScrollCursor::Mark::deleted);
    return;
  }
  cursor.set_mark(cursor.current(), ScrollCursor::Mark::updated);
  SetPosOps ops{cursor_statement, cursor, literal};
  ops.reread(ops.where_current(false));
}

}  // namespace holdfast
