// Whether a procedure could leave session state the driver cannot see or rebuild.
//
// After a CALL with output parameters the session's state flag goes back to what it was
// before the CALL (core/statement_call.cpp): the server reports one flag for the CALL,
// so state the procedure itself made (temporary tables, its own user variables, LOCK
// TABLES, GET_LOCK, PREPARE, HANDLER, a nested CALL) would go unseen. The conservative
// rule (RESILIENCE.md 3): the flag is put back only for a procedure whose definition
// contains none of those words; a definition that cannot be read (no privilege, not
// found) keeps the session unrebuildable. The answer is learnt once per procedure per
// connection.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/param_literal.h"
#include "core/sql_lexer.h"

namespace holdfast {

struct ProcedureName {
  std::string schema;  // empty: the current database
  std::string name;
};

// The procedure named by "CALL [schema.]name..." (escapes already translated); nullopt
// when the text does not start that way.
std::optional<ProcedureName> called_procedure(std::string_view sql, const ScanOptions& options);

// A plain case-insensitive scan of the definition: TEMPORARY, LOCK (GET_LOCK too), '@',
// PREPARE, CALL, HANDLER. False positives are safe.
bool definition_may_leave_state(std::string_view definition) noexcept;

// SELECT ROUTINE_DEFINITION of the procedure (no row: not found).
std::string definition_query(const ProcedureName& procedure, const LiteralOptions& options);

// Per connection: "schema.name" -> whether the procedure may leave state.
class ProcedureStateCache {
 public:
  static std::string key(const ProcedureName& procedure, const std::string& current_schema);
  std::optional<bool> find(const std::string& key) const;
  void remember(const std::string& key, bool may_leave_state) { known_[key] = may_leave_state; }

 private:
  std::unordered_map<std::string, bool> known_;
};

}  // namespace holdfast
