// Which SQLExecDirect statements run on the binary protocol (core/statement_direct.cpp):
// a single plain SELECT that reads from a table. A SELECT without FROM (`SELECT 1`,
// `SELECT NOW()`) stays one text query: nothing to gain from the binary rows of a single
// row, and a prepare would cost the server more. Executable comments (`/*! ... */`)
// keep the text path: what they hold depends on the server's version. The statement is
// also a read (ScanResult::is_read): no FOR UPDATE, INTO, user variables or locks.
#pragma once

#include <string_view>

#include "core/sql_lexer.h"

namespace holdfast {

// `sql` after escape translation, without parameter markers.
bool is_direct_select(std::string_view sql, const ScanOptions& options) noexcept;

}  // namespace holdfast
