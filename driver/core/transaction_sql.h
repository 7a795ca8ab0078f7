// Statements that end a transaction in SQL text ("ROLLBACK", "COMMIT WORK"), as clients
// without SQLEndTran send them (isql and iusql run START TRANSACTION ... ROLLBACK as
// statements). After a loss inside a transaction (RESILIENCE.md rule 5) the session
// treats them as SQLEndTran would: ROLLBACK succeeds locally, COMMIT reports 08007;
// either way the lost transaction is over and the next statement reconnects.
#pragma once

#include <string_view>

namespace holdfast {

enum class TransactionEnd { none, commit, rollback };

// ROLLBACK [WORK] or COMMIT [WORK], any case, with spaces and comments around and an
// optional trailing ';'. Anything else is `none`: ROLLBACK TO SAVEPOINT (the
// transaction goes on), AND [NO] CHAIN, RELEASE, and several statements.
TransactionEnd transaction_end_of(std::string_view sql) noexcept;

}  // namespace holdfast
