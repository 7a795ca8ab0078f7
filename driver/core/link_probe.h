// Evidence about a link, gathered by the session on a loss path only (never on the hot
// path): what a socket found closed still holds. Used to name the cause of a loss
// (core/loss_cause.h).
#pragma once

#include <cstddef>
#include <string>

#include "core/loss_cause.h"

namespace holdfast {

// A server error packet ("farewell" sent before closing, e.g. ER_CONNECTION_KILLED):
// header (3-byte length, sequence), 0xFF, 2-byte code, optional '#' + SQLSTATE, text.
// False when the bytes are not one complete error packet.
bool parse_error_packet(const unsigned char* bytes, std::size_t length, int& native, std::string& message);

// Looks at a socket the dead-socket check found readable, without consuming anything:
// end of stream, a reset, or an error packet the server sent before closing.
SocketSignal peek_closed_socket(int fd, int& native, std::string& message) noexcept;

}  // namespace holdfast
