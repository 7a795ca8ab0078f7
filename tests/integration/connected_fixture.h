// The setup many integration tests share: a connection to the test server and one
// statement on it, ready when the test body starts.
#pragma once

#include "odbc_test.h"

namespace odbc_test {

struct ConnectedStatement {
  Env env;
  Dbc dbc{env};
  bool connected = (dbc.connect(), true);
  Stmt st{dbc};
};

// Two connections to the test server: `dbc` for the test, `other` to change or read rows
// from outside it.
struct TwoConnections {
  Env env;
  Dbc dbc{env};
  Dbc other{env};
  TwoConnections() {
    dbc.connect();
    other.connect();
  }
};

}  // namespace odbc_test
