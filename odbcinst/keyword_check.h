// Checks of DSN keywords and values shared by the setup library (ConfigDSN), the
// installer tool (dsn add/edit, ini check) and its tests. Everything is decided by the
// one keyword table (driver/core/keywords.h); nothing here lists keywords.
#pragma once

#include "core/keywords.h"

#include <optional>
#include <string>
#include <string_view>

namespace holdfast::setup {

// The driver name Holdfast registers under in odbcinst.ini.
inline constexpr std::string_view kDriverName = "Holdfast";

// Why `value` is not acceptable for `def` (type and range as the driver reads an
// odbc.ini), or nullopt when it is. An empty value means "not set" and is accepted.
// The message names the keyword and, unless the keyword is secret, the value.
std::optional<std::string> value_problem(const KeywordDef& def, std::string_view value);

// "unknown keyword 'X'", with "; did you mean Y?" when the table has a close spelling.
std::string unknown_keyword_problem(std::string_view name);

// The problem with one KEY=VALUE a DSN would store, or nullopt: unknown keyword,
// a keyword that does not belong in a DSN section (DSN, FILEDSN, SAVEFILE), a bad value.
std::optional<std::string> dsn_entry_problem(std::string_view key, std::string_view value);

// True for keywords an ODBC administrator should offer for a DSN: every table entry but
// DSN and DRIVER (the administrator adds Name and Driver itself), DESCRIPTION (likewise)
// and the driver-manager keywords the driver ignores, nor keywords accepted with no effect
// (other drivers' keywords and OPTION flags Holdfast does not act on).
bool offered_in_dsn(const KeywordDef& def);

}  // namespace holdfast::setup
