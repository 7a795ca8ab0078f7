#include "core/link_probe.h"

#include <sys/socket.h>

#include <cerrno>

namespace holdfast {

bool parse_error_packet(const unsigned char* bytes, std::size_t length, int& native, std::string& message) {
  if (length < 4 + 3) return false;
  const std::size_t payload = bytes[0] | (static_cast<std::size_t>(bytes[1]) << 8) | (static_cast<std::size_t>(bytes[2]) << 16);
  if (payload < 3 || length < 4 + payload || bytes[4] != 0xFF) return false;
  native = bytes[5] | (bytes[6] << 8);
  const unsigned char* text = bytes + 7;
  std::size_t text_length = payload - 3;
  if (text_length >= 6 && text[0] == '#') {  // SQLSTATE marker of the 4.1 protocol
    text += 6;
    text_length -= 6;
  }
  message.assign(reinterpret_cast<const char*>(text), text_length);
  return true;
}

SocketSignal peek_closed_socket(int fd, int& native, std::string& message) noexcept {
  unsigned char bytes[512];
  const ssize_t n = ::recv(fd, bytes, sizeof bytes, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return SocketSignal::eof;
  if (n < 0) return errno == ECONNRESET ? SocketSignal::reset : SocketSignal::other;
  try {
    if (parse_error_packet(bytes, static_cast<std::size_t>(n), native, message)) return SocketSignal::error_packet;
  } catch (...) {
  }
  return SocketSignal::other;
}

}  // namespace holdfast
