// A string that may hold a secret (a password, a key passphrase, a connection string's
// value): its bytes are overwritten before its memory is given back or reused, so a
// secret does not linger in freed heap blocks or in a moved-from object's inline buffer.
//
// It is a std::string for every reader (c_str, empty, comparisons, std::string
// parameters). Writers go through its own assignments, which wipe the old contents first.
#pragma once

#include <string>
#include <string_view>

namespace holdfast {

// Overwrites every byte `s` owns (up to its capacity) with zeros, then empties it. The
// buffer stays allocated: clearing is never skipped as a dead store.
void wipe(std::string& s) noexcept;

class SecretString : public std::string {
 public:
  SecretString() = default;
  SecretString(const std::string& s) : std::string(s) {}  // NOLINT: implicit by design
  SecretString(std::string&& s) noexcept : std::string(std::move(s)) {}  // NOLINT
  SecretString(std::string_view s) : std::string(s) {}  // NOLINT
  SecretString(const char* s) : std::string(s) {}  // NOLINT
  SecretString(const SecretString& other) : std::string(other) {}
  SecretString(SecretString&& other) noexcept : std::string(std::move(other)) { wipe(other); }
  ~SecretString() { wipe(*this); }

  SecretString& operator=(const SecretString& other) {
    if (this != &other) assign_wiped(other);
    return *this;
  }
  SecretString& operator=(SecretString&& other) noexcept {
    if (this != &other) {
      wipe(*this);
      std::string::operator=(std::move(other));
      wipe(other);
    }
    return *this;
  }
  SecretString& operator=(std::string_view s) {
    assign_wiped(s);
    return *this;
  }
  SecretString& operator=(const std::string& s) {
    assign_wiped(s);
    return *this;
  }
  SecretString& operator=(const char* s) {
    assign_wiped(s);
    return *this;
  }

 private:
  void assign_wiped(std::string_view s) {
    if (s.data() >= data() && s.data() < data() + capacity()) {  // a part of ourselves
      SecretString copy(s);
      *this = std::move(copy);
      return;
    }
    // The old value is zeroed first: a shorter new one leaves none of it behind, and a
    // longer one frees no unwiped buffer.
    wipe(*this);
    std::string::assign(s.data(), s.size());
  }
};

}  // namespace holdfast
