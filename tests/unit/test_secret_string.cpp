// SecretString and wipe(): a secret's bytes are overwritten before its memory is freed
// or reused (core/secret_string.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <new>
#include <string>

#include "core/connect_config.h"
#include "core/secret_string.h"

using holdfast::SecretString;

namespace {

bool contains(const char* data, std::size_t size, const std::string& needle) {
  return std::search(data, data + size, needle.begin(), needle.end()) != data + size;
}

}  // namespace

TEST_CASE("wipe zeroes every byte a string owns, up to its capacity", "[unit][secrets]") {
  std::string s = "a-long-password-kept-on-the-heap-0123456789";
  s.resize(10);  // the tail of the old value stays in the buffer beyond size()
  const char* buffer = s.data();
  const std::size_t capacity = s.capacity();
  REQUIRE(contains(buffer, capacity + 1, "kept-on-the-heap"));
  holdfast::wipe(s);
  CHECK(s.empty());
  CHECK(s.data() == buffer);  // still ours: it is read here, not freed memory
  CHECK(std::all_of(buffer, buffer + capacity, [](char c) { return c == '\0'; }));
}

TEST_CASE("a SecretString overwrites its old value when given a longer one", "[unit][secrets]") {
  SecretString s = "short-secret";
  // Inline (small-string) storage lives in the object itself: watch it.
  const char* inline_buffer = s.data();
  const bool is_inline = inline_buffer >= reinterpret_cast<const char*>(&s) &&
                         inline_buffer < reinterpret_cast<const char*>(&s) + sizeof s;
  s = std::string(100, 'x');
  CHECK(s == std::string(100, 'x'));
  if (is_inline) CHECK_FALSE(contains(reinterpret_cast<const char*>(&s), sizeof s, "short-secret"));
  s = "tiny";
  CHECK(s == "tiny");
  CHECK_FALSE(contains(s.data(), s.capacity() + 1, "xxxxx"));  // same buffer, old value gone
}

TEST_CASE("a destroyed or moved-from SecretString leaves no copy of the secret in its object", "[unit][secrets]") {
  alignas(SecretString) unsigned char storage[sizeof(SecretString)];
  auto* s = new (storage) SecretString("pw-0123");  // small: stored inside the object
  REQUIRE(contains(reinterpret_cast<const char*>(storage), sizeof storage, "pw-0123"));
  SecretString moved(std::move(*s));
  CHECK(moved == "pw-0123");
  CHECK_FALSE(contains(reinterpret_cast<const char*>(storage), sizeof storage, "pw-0123"));
  s->~SecretString();
  CHECK_FALSE(contains(reinterpret_cast<const char*>(storage), sizeof storage, "pw-0123"));
}

TEST_CASE("a ConnectConfig takes its password and TLS passphrase away with it", "[unit][secrets]") {
  alignas(holdfast::ConnectConfig) unsigned char storage[sizeof(holdfast::ConnectConfig)];
  auto* config = new (storage) holdfast::ConnectConfig();
  config->pwd = "pw-4567";
  config->tls.key_password = "kp-8901";
  REQUIRE(contains(reinterpret_cast<const char*>(storage), sizeof storage, "pw-4567"));
  config->~ConnectConfig();
  CHECK_FALSE(contains(reinterpret_cast<const char*>(storage), sizeof storage, "pw-4567"));
  CHECK_FALSE(contains(reinterpret_cast<const char*>(storage), sizeof storage, "kp-8901"));
}
