// Helpers shared by the fuzz targets: a reader that carves typed choices out of the
// fuzzer's input, and a check that aborts (a fuzz failure) with a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_charset.h"

namespace holdfast::fuzz {

// Fails the run: libFuzzer records the input that got here as a crash.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  if (!detail.empty()) {
    std::fprintf(stderr, "  detail (%zu bytes):", detail.size());
    for (unsigned char c : detail) std::fprintf(stderr, " %02x", c);
    std::fprintf(stderr, "\n");
  }
  std::abort();
}

#define HOLDFAST_FUZZ_CHECK(cond, detail) \
  do {                                    \
    if (!(cond)) ::holdfast::fuzz::fail(#cond, (detail)); \
  } while (0)

// Reads choices from the front of the input; what is left is the payload.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::uint8_t byte() {
    if (size_ == 0) return 0;
    --size_;
    return *data_++;
  }
  std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(u16()) | (static_cast<std::uint32_t>(u16()) << 16); }
  bool flag() { return (byte() & 1) != 0; }

  template <class T, std::size_t N>
  T pick(const T (&choices)[N]) {
    return choices[byte() % N];
  }

  // Up to `max` bytes, length chosen by the input.
  std::string_view bytes(std::size_t max) {
    std::size_t n = u16();
    if (n > max) n = n % (max + 1);
    if (n > size_) n = size_;
    std::string_view s(reinterpret_cast<const char*>(data_), n);
    data_ += n;
    size_ -= n;
    return s;
  }
  std::string_view rest() {
    std::string_view s(reinterpret_cast<const char*>(data_), size_);
    data_ += size_;
    size_ = 0;
    return s;
  }
  std::size_t left() const { return size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

inline constexpr SqlCharset kAllCharsets[] = {
    SqlCharset::single_byte, SqlCharset::utf8,  SqlCharset::gbk,    SqlCharset::big5,
    SqlCharset::sjis,        SqlCharset::cp932, SqlCharset::euckr,  SqlCharset::gb2312,
    SqlCharset::ujis,        SqlCharset::eucjpms, SqlCharset::gb18030,
};

// A heap copy of exactly `s.size()` bytes (no terminator), so that ASan reports any read
// past the end; the fuzzer's own slices sit inside a larger buffer.
class ExactBytes {
 public:
  explicit ExactBytes(std::string_view s) : p_(s.empty() ? nullptr : new char[s.size()]), n_(s.size()) {
    if (n_ != 0) std::memcpy(p_, s.data(), n_);
  }
  ~ExactBytes() { delete[] p_; }
  ExactBytes(const ExactBytes&) = delete;
  ExactBytes& operator=(const ExactBytes&) = delete;
  const char* data() const { return p_; }
  std::size_t size() const { return n_; }
  std::string_view view() const { return {p_, n_}; }

 private:
  char* p_;
  std::size_t n_;
};

}  // namespace holdfast::fuzz
