#include "core/handle.h"

namespace holdfast {

void HandleBase::record(const OdbcError& error) {
  DiagRecord r;
  r.sqlstate = error.sqlstate();
  r.native = error.native();
  r.message = message_prefix(error.source(), server_label());
  r.message += ' ';
  r.message += error.what();
  r.server_name = data_source_name();
  r.connection_name = r.server_name;
  r.cause = cause_code(error.cause());
  diag_.add(std::move(r));
  for (const OdbcError::Followup& f : error.followups()) record(OdbcError(f.sqlstate, f.message));
}

}  // namespace holdfast
