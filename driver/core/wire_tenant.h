// A reply being read from the wire row by row (a streamed result set). While one exists
// the link is busy: before anything else is sent, the session asks it to read the rest
// of its rows into memory (park), and it continues from there.
#pragma once

namespace holdfast {

class WireTenant {
 public:
  // Reads every remaining row of the reply into memory now (under the session's lock).
  // A failure is kept and reported by the tenant's next fetch past the rows it got.
  virtual void park() noexcept = 0;
  // The link is closing under the tenant: it must not touch the wire again.
  virtual void unlink() noexcept = 0;

 protected:
  ~WireTenant() = default;
};

}  // namespace holdfast
