// Data at execution for a statement prepared on the server: each piece the application
// hands to SQLPutData goes to the server at once (COM_STMT_SEND_LONG_DATA, through the
// session), so a value of any size never sits whole in the driver's memory.
//
// At SQLExecute the set is checked: one parameter set (no array), a forward-only
// cursor, no output parameters, and every data-at-execution value of a character or
// binary C type for a character or binary parameter (SQL_C_WCHAR only on a UTF-8
// connection: it is sent as UTF-8). The other parameters are bound then; the final
// SQLParamData executes without binding again (binding would drop the pieces). Any
// other set gathers its values for the text path (core/statement_data_at_exec.cpp), as
// does one whose statement the server no longer prepares when the first piece goes.
//
// UTF-16 pieces are converted as they come; a code unit or surrogate pair split between
// pieces waits for its other half (in DaeValue::bytes). SQL_NULL_DATA binds NULL;
// SQL_DEFAULT_PARAM has no binary form: before any piece went out the set falls back to
// the text path, after it the sequence ends with HYC00.
#include "core/connection.h"
#include "core/server_statement.h"
#include "core/statement.h"
#include "core/statement_sql.h"
#include "core/unicode.h"

#include <cstring>
#include <vector>

namespace holdfast {
namespace {

// Bytes of whole UTF-16 text at the start of `bytes`: whole units, and not a high
// surrogate whose low half may come with the next piece.
std::size_t whole_utf16_prefix(const std::string& bytes) noexcept {
  std::size_t n = bytes.size() & ~static_cast<std::size_t>(1);
  if (n >= 2) {
    const auto unit = static_cast<unsigned>(static_cast<unsigned char>(bytes[n - 2])) |
                      static_cast<unsigned>(static_cast<unsigned char>(bytes[n - 1])) << 8;
    if (unit >= 0xD800 && unit <= 0xDBFF) n -= 2;
  }
  return n;
}

std::string utf8_of(const std::string& bytes, std::size_t n) {
  std::vector<SQLWCHAR> units(n / sizeof(SQLWCHAR));  // aligned copy of the units
  std::memcpy(units.data(), bytes.data(), units.size() * sizeof(SQLWCHAR));
  return utf16_to_utf8(units.data(), static_cast<SQLINTEGER>(units.size()));
}

}  // namespace

void Statement::begin_long_data() {
  dae_.streaming = false;
  if (!server_ || cursor_type_ != SQL_CURSOR_FORWARD_ONLY || first_param_ != 0 || apd_->header().array_size > 1 ||
      has_output_parameters())
    return;
  ServerStatement& s = *server_;
  const ScanOptions text_rules = scan_options();
  const LiteralOptions literal{text_rules.charset, text_rules.no_backslash_escapes};
  try {
    parameter_sources(*apd_, *ipd_, markers_.size(), 0, s.sources);
  } catch (const OdbcError&) {
    return;  // the text path reports it once the data is in
  }
  s.long_data.assign(markers_.size(), 0);
  for (std::size_t k = 0; k < dae_.used; ++k) {
    const DaeValue& v = dae_.values[k];
    const std::size_t index = v.number - 1u;
    const unsigned char kind = ServerStatement::long_data_kind(v.c_type, s.sources[index].sql_type, literal);
    if (!kind) {
      s.long_data.clear();
      return;
    }
    s.long_data[index] = kind;
  }
  Session& session = connection_.session();
  std::lock_guard lock(session.mutex());
  // Pieces of an execution that never ran would stand in for this one's.
  if (s.long_data_sent()) session.close_server(s);
  if (!s.bind(s.sources, literal, static_cast<std::size_t>(session.max_allowed_packet()))) {
    s.long_data.clear();
    return;
  }
  dae_.streaming = true;
}

void Statement::send_long_piece(DaeValue& v, const char* data, std::size_t bytes) {
  ServerStatement& s = *server_;
  const auto index = static_cast<unsigned>(v.number - 1u);
  std::string converted;
  std::string_view piece(data, bytes);
  std::size_t whole = 0;
  if (v.c_type == SQL_C_WCHAR) {
    v.bytes.append(data, bytes);
    whole = whole_utf16_prefix(v.bytes);
    if (whole == 0) return;
    converted = utf8_of(v.bytes, whole);
    piece = converted;
  }
  bool sent;
  {
    Session& session = connection_.session();
    std::lock_guard lock(session.mutex());
    sent = session.send_long_data(s, index, piece);
  }
  if (!sent) {
    // The server no longer prepares the statement (nothing of this set went out): the
    // set's values are gathered for the text path from here on.
    dae_.streaming = false;
    if (v.c_type != SQL_C_WCHAR) v.bytes.append(data, bytes);
    return;
  }
  if (v.c_type == SQL_C_WCHAR) v.bytes.erase(0, whole);
}

void Statement::finish_long_value(DaeValue& v) {
  // What waited for another half: a lone high surrogate goes as the text path would
  // send it; an odd last byte is dropped, as there.
  if (!dae_.streaming || v.c_type != SQL_C_WCHAR || v.bytes.size() < 2) {
    if (dae_.streaming) v.bytes.clear();
    return;
  }
  const std::string rest = utf8_of(v.bytes, v.bytes.size() & ~static_cast<std::size_t>(1));
  bool sent;
  {
    Session& session = connection_.session();
    std::lock_guard lock(session.mutex());
    sent = session.send_long_data(*server_, static_cast<unsigned>(v.number - 1u), rest);
  }
  if (sent)
    v.bytes.clear();
  else
    dae_.streaming = false;  // nothing went out: the text path takes the gathered value
}

}  // namespace holdfast
