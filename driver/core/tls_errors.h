// Connect errors that libmariadb reshapes because TLS was asked for.
#pragma once

#include <string>

#include "core/tls_options.h"

namespace holdfast {

// With TLS asked for, libmariadb reports a server error that arrives before the TLS
// handshake (1130 host not allowed, 1040 too many connections, ...) as 2002 "Received error
// packet before completion of TLS handshake. The authenticity of the following error cannot
// be verified: 1130 - Host ...". Under SSLMODE=preferred the driver would have accepted a
// clear-text session from that server, so the error is as trustworthy as such a session:
// `code` and `text` become the server's own (true returned). Under stronger modes nothing
// changes (the error is unauthenticated, and the message says so).
bool unwrap_pre_tls_error(const TlsOptions& tls, int& code, std::string& text);

}  // namespace holdfast
