// Statements that end a transaction in SQL (after a loss inside a transaction the
// session treats them as SQLEndTran would): only ROLLBACK [WORK] and COMMIT [WORK].
#include <catch2/catch.hpp>

#include <string>

#include "core/transaction_sql.h"

using namespace holdfast;

TEST_CASE("ROLLBACK and COMMIT statements end a transaction", "[unit][transaction_sql]") {
  const auto [sql, want] = GENERATE(table<std::string, TransactionEnd>({
      {"ROLLBACK", TransactionEnd::rollback},
      {"rollback", TransactionEnd::rollback},
      {"  Rollback Work ;  ", TransactionEnd::rollback},
      {"/* client */ ROLLBACK -- end\n", TransactionEnd::rollback},
      {"# note\nROLLBACK;", TransactionEnd::rollback},
      {"COMMIT", TransactionEnd::commit},
      {"commit work", TransactionEnd::commit},
      {"COMMIT;", TransactionEnd::commit},
  }));
  INFO(sql);
  CHECK(transaction_end_of(sql) == want);
}

TEST_CASE("other statements, savepoints and chains do not end the lost transaction",
          "[unit][transaction_sql]") {
  const std::string sql = GENERATE(as<std::string>{}, "", " ", "SELECT 1", "ROLLBACK TO SAVEPOINT s1",
                                   "ROLLBACK TO s1", "ROLLBACK WORK TO SAVEPOINT s1", "ROLLBACK AND CHAIN",
                                   "COMMIT AND NO CHAIN", "COMMIT RELEASE", "ROLLBACK; SELECT 1", "ROLLBACK;;",
                                   "ROLLBACKS", "XA ROLLBACK 'x'", "'ROLLBACK'", "`ROLLBACK`", "(ROLLBACK)",
                                   "WORK", "START TRANSACTION", "COMMIT WORK WORK");
  INFO(sql);
  CHECK(transaction_end_of(sql) == TransactionEnd::none);
}
