#include "core/secret_string.h"

#include <string.h>  // explicit_bzero

namespace holdfast {

void wipe(std::string& s) noexcept {
  if (s.capacity() == 0) return;
  // The bytes between size() and capacity() are ours too (an earlier, longer value).
  s.resize(s.capacity());
  explicit_bzero(s.data(), s.size());
  s.clear();
}

}  // namespace holdfast
