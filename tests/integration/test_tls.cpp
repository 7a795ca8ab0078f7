// TLS against a real MariaDB server (issues 7 and 9): certificates made by the test with the
// openssl command (a CA, a server certificate for 127.0.0.1 and localhost, an unrelated CA,
// a client certificate), one server of the test's own started with them and listening on
// 127.0.0.1 and 127.0.0.2, and the shared test server (which runs without TLS) for the
// refusals. Checked: verify-full succeeds and the session is encrypted; a foreign CA and a
// wrong host name give 08001 with a clear message; required refuses a server without TLS;
// disabled stays in clear text; a transparent reconnect is encrypted again and never falls
// back to clear text; the KILL QUERY side connection passes require_secure_transport; a
// REQUIRE X509 account connects with SSLCERT/SSLKEY; TLSVERSION and SSLCIPHER act.
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "fault_proxy.h"
#include "resilience_test.h"
#include "server_instance.h"

using namespace resilience_test;

namespace {

constexpr unsigned kTlsServerOffset = 9;  // extra_port(9): this file's own server

// Runs a shell command (the openssl CLI), its output kept in `log`.
void run_command(const std::string& command, const std::string& log) {
  const int status = std::system((command + " >>" + log + " 2>&1").c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  INFO(command << "\nexited " << status << "\n" << text.str());
  REQUIRE(status == 0);
}

// The certificates, made once per run in a temporary directory.
struct TlsFiles {
  std::string dir;
  std::string ca, other_ca, server_cert, server_key, client_cert, client_key;
  std::string crl_empty, crl_revoking;  // from the CA: revoking nothing / the server's certificate

  TlsFiles() {
    char pattern[] = "/tmp/holdfast-tls-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    dir = pattern;
    const std::string log = dir + "/openssl.log";
    // EC keys: fast to make, and they give the server ECDSA cipher suites.
    const std::string newkey = "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
    auto path = [&](const char* name) { return dir + "/" + name; };
    ca = path("ca.pem");
    other_ca = path("other-ca.pem");
    server_cert = path("server.pem");
    server_key = path("server-key.pem");
    client_cert = path("client.pem");
    client_key = path("client-key.pem");
    run_command(newkey + "-x509 -days 2 -subj /CN=Holdfast-Test-CA -keyout " + path("ca-key.pem") + " -out " + ca, log);
    run_command(newkey + "-x509 -days 2 -subj /CN=Unrelated-Test-CA -keyout " + path("other-ca-key.pem") +
                    " -out " + other_ca,
                log);
    std::ofstream(path("server.ext")) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    run_command(newkey + "-subj /CN=localhost -keyout " + server_key + " -out " + path("server.csr"), log);
    run_command("openssl x509 -req -days 2 -in " + path("server.csr") + " -CA " + ca + " -CAkey " +
                    path("ca-key.pem") + " -CAcreateserial -extfile " + path("server.ext") + " -out " + server_cert,
                log);
    run_command(newkey + "-subj /CN=holdfast-x509-client -keyout " + client_key + " -out " + path("client.csr"), log);
    run_command("openssl x509 -req -days 2 -in " + path("client.csr") + " -CA " + ca + " -CAkey " +
                    path("ca-key.pem") + " -CAcreateserial -out " + client_cert,
                log);
    // Revocation lists: `openssl ca` keeps its records in index.txt and crlnumber.
    std::ofstream(path("index.txt")).flush();
    std::ofstream(path("crlnumber")) << "1000\n";
    std::ofstream(path("ca.cnf")) << "[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = " << path("index.txt")
                                  << "\ncrlnumber = " << path("crlnumber")
                                  << "\ndefault_md = sha256\ndefault_crl_days = 2\n";
    const std::string ca_command = "openssl ca -config " + path("ca.cnf") + " -keyfile " + path("ca-key.pem") +
                                   " -cert " + ca + " ";
    crl_empty = path("crl-empty.pem");
    crl_revoking = path("crl-revoking.pem");
    run_command(ca_command + "-gencrl -out " + crl_empty, log);
    run_command(ca_command + "-revoke " + server_cert, log);
    run_command(ca_command + "-gencrl -out " + crl_revoking, log);
  }
  ~TlsFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

// One TLS server for the whole file: started on first use, stopped at exit.
struct TlsServer {
  TlsFiles files;
  std::unique_ptr<server_instance::ServerInstance> server;

  TlsServer() {
    server = std::make_unique<server_instance::ServerInstance>(
        server_instance::extra_port(kTlsServerOffset), "",
        "--ssl-ca=" + files.ca + " --ssl-cert=" + files.server_cert + " --ssl-key=" + files.server_key +
            " --bind-address=127.0.0.1,127.0.0.2");
    server->stop();  // a server left running by an earlier run has other certificates
    server->start();
  }
  ~TlsServer() { server.reset(); }  // stops the server before the files go

  std::string connection_string(const std::string& extra) const { return server->connection_string(extra); }
  std::string ca_option() const { return "SSLCA=" + files.ca + ";"; }
};

TlsServer& tls_server() {
  static std::unique_ptr<TlsServer> instance;
  if (!instance) instance = std::make_unique<TlsServer>();
  return *instance;
}

std::string session_status(Dbc& dbc, const std::string& name) {
  Stmt st(dbc);
  return st.scalar("SELECT IFNULL((SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME='" +
                   name + "'), '')");
}
std::string ssl_cipher(Dbc& dbc) { return session_status(dbc, "SSL_CIPHER"); }

std::string tls_attribute(Dbc& dbc) {
  char value[256] = {0};
  SQLINTEGER length = -1;
  const SQLRETURN rc = SQLGetConnectAttr(dbc.h, HOLDFAST_ATTR_TLS, value, sizeof value, &length);
  INFO(describe(SQL_HANDLE_DBC, dbc.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(length == static_cast<SQLINTEGER>(std::string(value).size()));
  return value;
}

// Connects, expecting failure; returns the diagnostics.
std::vector<DiagRecordText> refused(const std::string& cs) {
  Env env;
  Dbc dbc(env);
  const SQLRETURN rc = dbc.try_connect(cs);
  std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_DBC, dbc.h);
  INFO(cs << "\n-> " << rc << "\n" << describe_records(records));
  REQUIRE(rc == SQL_ERROR);
  REQUIRE(!records.empty());
  return records;
}

// The shared test server must be without TLS for the refusals to mean anything.
void require_plain_test_server() {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("SSLMODE=disabled"));
  Stmt st(dbc);
  INFO("the shared test server (TEST_PORT) must run without TLS; tests/scripts/mariadb-server.sh starts it so");
  REQUIRE(st.scalar("SELECT @@have_ssl") != "YES");
}

// Sets a global variable of the TLS server for the life of the guard.
struct GlobalGuard {
  Dbc& admin;
  std::string name, restore;
  GlobalGuard(Dbc& a, std::string n, const std::string& value, std::string r)
      : admin(a), name(std::move(n)), restore(std::move(r)) {
    Stmt(admin).run("SET GLOBAL " + name + " = " + value);
  }
  ~GlobalGuard() { reset(); }
  void reset() {
    SQLHSTMT h = SQL_NULL_HSTMT;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, admin.h, &h))) return;
    const std::string sql = "SET GLOBAL " + name + " = " + restore;
    SQLExecDirect(h, (SQLCHAR*)sql.c_str(), SQL_NTS);
    SQLFreeHandle(SQL_HANDLE_STMT, h);
  }
};

}  // namespace

TEST_CASE("TLS verify-full with the right CA: an encrypted session the driver reports", "[integration][tls]") {
  TlsServer& srv = tls_server();
  Env env;
  Dbc dbc(env);
  dbc.connect(srv.connection_string("SSLMODE=verify-full;" + srv.ca_option()));
  const std::string cipher = ssl_cipher(dbc);
  CHECK_FALSE(cipher.empty());
  const std::string attribute = tls_attribute(dbc);
  CHECK_THAT(attribute, Catch::EndsWith(" " + cipher));
  CHECK_THAT(attribute, Catch::StartsWith("TLSv1."));
  CHECK_THAT(dbc.completed, Catch::Contains("SSLMODE=verify-full"));
  CHECK_THAT(dbc.completed, Catch::Contains("SSLCA=" + srv.files.ca));
  // The resilience layer's look at the raw socket must not take TLS records for a closed
  // link, and the idle ping (PING_IDLE=0: before every statement) works over TLS.
  Dbc pinged(env);
  pinged.connect(srv.connection_string("PING_IDLE=0;SSLMODE=verify-full;" + srv.ca_option()));
  Stmt st(pinged);
  for (int i = 0; i < 3; ++i) {
    CHECK(st.scalar("SELECT " + std::to_string(i)) == std::to_string(i));
    sleep_ms(100);
  }
  CHECK(pings(pinged) >= 3);
  CHECK(dead_sockets(pinged) == 0);
  CHECK(reconnects(pinged) == 0);
  CHECK_FALSE(ssl_cipher(pinged).empty());
  // MySQL Connector/ODBC's and MariaDB Connector/ODBC's spellings reach the same mode.
  for (const char* spelling : {"SSL_MODE=VERIFY_IDENTITY;", "SSLVERIFY=1;"}) {
    Env env2;
    Dbc other(env2);
    other.connect(srv.connection_string(spelling + srv.ca_option()));
    CHECK_FALSE(ssl_cipher(other).empty());
    CHECK_THAT(other.completed, Catch::Contains("SSLMODE=verify-full") || Catch::Contains("SSLVERIFY=1"));
  }
}

TEST_CASE("TLS: a server certificate from another CA is refused with 08001", "[integration][tls]") {
  TlsServer& srv = tls_server();
  // Whenever a CA is given the chain is checked, even under required and preferred.
  const std::string mode = GENERATE(std::string("verify-full"), std::string("verify-ca"), std::string("required"),
                                    std::string("preferred"));
  const auto records = refused(srv.connection_string("SSLMODE=" + mode + ";SSLCA=" + srv.files.other_ca));
  CHECK(records.front().sqlstate == "08001");
  CHECK_THAT(records.front().message, Catch::Contains("TLS: certificate verify failed: "));
  CHECK_THAT(records.front().message, Catch::Contains("(SSLMODE=" + mode + ", host 127.0.0.1)"));
  // verify-full without SSLCA checks against the system's trust store, which does not know
  // the test CA.
  const auto system_store = refused(srv.connection_string("SSLMODE=verify-full"));
  CHECK(system_store.front().sqlstate == "08001");
  CHECK_THAT(system_store.front().message, Catch::Contains("TLS: certificate verify failed: "));
}

TEST_CASE("TLS: a certificate for another host name fails verify-full, passes verify-ca", "[integration][tls]") {
  TlsServer& srv = tls_server();
  // The server listens on 127.0.0.2 too; its certificate names only 127.0.0.1 and localhost.
  const auto records = refused(srv.connection_string("SERVER=127.0.0.2;SSLMODE=verify-full;" + srv.ca_option()));
  CHECK(records.front().sqlstate == "08001");
  CHECK_THAT(records.front().message, Catch::Contains("TLS: certificate verify failed: "));
  CHECK_THAT(records.front().message, Catch::Contains("does not name the host '127.0.0.2'"));
  CHECK_THAT(records.front().message, Catch::Contains("SSLMODE=verify-full"));
  // verify-ca checks the chain only.
  Env env;
  Dbc dbc(env);
  dbc.connect(srv.connection_string("SERVER=127.0.0.2;SSLMODE=verify-ca;" + srv.ca_option()));
  CHECK_FALSE(ssl_cipher(dbc).empty());
}

TEST_CASE("TLS: required and the verify modes refuse a server without TLS, preferred falls back",
          "[integration][tls]") {
  TlsServer& srv = tls_server();
  require_plain_test_server();
  SECTION("required: refused after the handshake, the session closed") {
    const auto records = refused(connection_string("SSLMODE=required"));
    CHECK(records.front().sqlstate == "08001");
    CHECK_THAT(records.front().message, Catch::Contains("does not offer TLS"));
    CHECK_THAT(records.front().message, Catch::Contains("(SSLMODE=required)"));
    // MariaDB Connector/ODBC's FORCETLS asks for the same.
    CHECK_THAT(refused(connection_string("FORCETLS=1")).front().message, Catch::Contains("(SSLMODE=required)"));
  }
  SECTION("verify-ca: refused after the handshake") {
    const auto records = refused(connection_string("SSLMODE=verify-ca;" + srv.ca_option()));
    CHECK(records.front().sqlstate == "08001");
    CHECK_THAT(records.front().message, Catch::Contains("does not offer TLS"));
    CHECK_THAT(records.front().message, Catch::Contains("(SSLMODE=verify-ca)"));
  }
  SECTION("verify-full: refused by the client library before authenticating") {
    const auto records = refused(connection_string("SSLMODE=verify-full;" + srv.ca_option()));
    CHECK(records.front().sqlstate == "08001");
    CHECK_THAT(records.front().message, Catch::Contains("the server does not support it"));
    CHECK_THAT(records.front().message, Catch::Contains("SSLMODE=verify-full"));
  }
  SECTION("preferred, the default: clear text") {
    Env env;
    Dbc dbc(env);
    dbc.connect(connection_string());
    CHECK(ssl_cipher(dbc).empty());
    CHECK(tls_attribute(dbc).empty());
  }
}

TEST_CASE("TLS: disabled stays in clear text with a server that offers TLS, the default encrypts",
          "[integration][tls]") {
  TlsServer& srv = tls_server();
  {
    Env env;
    Dbc dbc(env);
    dbc.connect(srv.connection_string("SSLMODE=disabled;" + srv.ca_option()));
    CHECK(ssl_cipher(dbc).empty());
    CHECK(tls_attribute(dbc).empty());
  }
  {
    Env env;
    Dbc dbc(env);
    dbc.connect(srv.connection_string(""));
    CHECK_FALSE(ssl_cipher(dbc).empty());
    CHECK_FALSE(tls_attribute(dbc).empty());
  }
}

TEST_CASE("TLS: after KILL the transparent reconnect is encrypted and verified again", "[integration][tls]") {
  TlsServer& srv = tls_server();
  Env env;
  Dbc admin(env);
  admin.connect(srv.connection_string(""));
  Dbc dbc(env);
  dbc.connect(srv.connection_string("PING_IDLE=600;SSLMODE=verify-full;" + srv.ca_option()));
  Stmt st(dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  CHECK_FALSE(ssl_cipher(dbc).empty());
  kill_connection(admin, before);
  const std::string after = st.scalar("SELECT CONNECTION_ID()");
  CHECK(after != before);
  CHECK(reconnects(dbc) == 1);
  CHECK_FALSE(ssl_cipher(dbc).empty());
  CHECK_FALSE(tls_attribute(dbc).empty());
}

TEST_CASE("TLS: a reconnect never falls back to clear text", "[integration][tls]") {
  TlsServer& srv = tls_server();
  require_plain_test_server();
  // SERVER lists the TLS server (behind a proxy that can turn new connections away) and then
  // the shared server without TLS: after the loss the reconnect can only reach the latter.
  holdfast_test::FaultProxy proxy("127.0.0.1", static_cast<std::uint16_t>(srv.server->port()));
  const std::string servers = "SERVER=127.0.0.1:" + std::to_string(proxy.port()) + ",127.0.0.1:" +
                              env_or("TEST_PORT", "3311") + ";RECONNECT_TRIES=1;PING_IDLE=600;";
  SECTION("required: the reconnect is refused, the loss reported") {
    Env env;
    Dbc dbc(env);
    dbc.connect(srv.connection_string(servers + "SSLMODE=required"));
    Stmt st(dbc);
    CHECK_FALSE(ssl_cipher(dbc).empty());
    proxy.set_refuse_new(true);
    proxy.reset_all();
    const auto records = expect_error(st, "SELECT CONNECTION_ID()");
    INFO(describe_records(records));
    REQUIRE_FALSE(records.empty());
    CHECK(records.front().sqlstate == "08S01");
    CHECK_THAT(describe_records(records), Catch::Contains("does not offer TLS"));
    CHECK(reconnects(dbc) == 0);
  }
  SECTION("preferred: the same loss reconnects in clear text (what required prevents)") {
    Env env;
    Dbc dbc(env);
    dbc.connect(srv.connection_string(servers + "SSLMODE=preferred"));
    Stmt st(dbc);
    CHECK_FALSE(ssl_cipher(dbc).empty());
    proxy.set_refuse_new(true);
    proxy.reset_all();
    CHECK(ssl_cipher(dbc).empty());
    CHECK(reconnects(dbc) == 1);
  }
}

TEST_CASE("TLS: the KILL QUERY side connection passes require_secure_transport", "[integration][tls]") {
  TlsServer& srv = tls_server();
  Env env;
  Dbc admin(env);
  admin.connect(srv.connection_string("SSLMODE=required"));
  GlobalGuard secure(admin, "require_secure_transport", "ON", "OFF");
  // A clear-text connection is now refused by the server (MariaDB says "Access denied")...
  CHECK(refused(srv.connection_string("SSLMODE=disabled")).front().sqlstate == "28000");
  // ...so the timeout's KILL QUERY works only if its side connection uses TLS too.
  Dbc dbc(env);
  dbc.connect(srv.connection_string("SSLMODE=required"));
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0) == SQL_SUCCESS);
  const auto started = std::chrono::steady_clock::now();
  const SQLRETURN rc = st.exec("SELECT SLEEP(30)");
  const auto took = std::chrono::steady_clock::now() - started;
  INFO(describe(SQL_HANDLE_STMT, st.h));
  CHECK(rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HYT00");
  // Killed after about a second; a statement left to run would take 30.
  CHECK(took < std::chrono::seconds(15));
  SQLFreeStmt(st.h, SQL_CLOSE);
  CHECK(st.scalar("SELECT 1") == "1");
}

TEST_CASE("TLS: a REQUIRE X509 account connects with SSLCERT and SSLKEY", "[integration][tls]") {
  TlsServer& srv = tls_server();
  Env env;
  Dbc admin(env);
  admin.connect(srv.connection_string(""));
  {
    Stmt st(admin);
    st.run("DROP USER IF EXISTS 'hf_x509'@'127.0.0.1'");
    st.run("CREATE USER 'hf_x509'@'127.0.0.1' IDENTIFIED BY 'x509pw' REQUIRE X509");
    st.run("GRANT SELECT ON holdfast_test.* TO 'hf_x509'@'127.0.0.1'");
  }
  const std::string account = "UID=hf_x509;PWD=x509pw;SSLMODE=verify-full;" + srv.ca_option();
  // Without a client certificate the server turns the account away.
  const auto records = refused(srv.connection_string(account));
  CHECK(records.front().sqlstate == "28000");
  Dbc dbc(env);
  dbc.connect(srv.connection_string(account + "SSLCERT=" + srv.files.client_cert + ";SSLKEY=" + srv.files.client_key));
  Stmt st(dbc);
  CHECK(st.scalar("SELECT CURRENT_USER()") == "hf_x509@127.0.0.1");
  CHECK_FALSE(ssl_cipher(dbc).empty());
  Stmt(admin).run("DROP USER 'hf_x509'@'127.0.0.1'");
}

TEST_CASE("TLS: TLSVERSION and SSLCIPHER choose the protocol and the cipher", "[integration][tls]") {
  TlsServer& srv = tls_server();
  Env env;
  Dbc dbc(env);
  dbc.connect(srv.connection_string("SSLMODE=verify-full;" + srv.ca_option() +
                                    "TLS_VERSIONS=TLSv1.2;SSLCIPHER=ECDHE-ECDSA-AES128-GCM-SHA256"));
  CHECK(session_status(dbc, "SSL_VERSION") == "TLSv1.2");
  CHECK(ssl_cipher(dbc) == "ECDHE-ECDSA-AES128-GCM-SHA256");
  CHECK(tls_attribute(dbc) == "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256");
  Dbc v13(env);
  v13.connect(srv.connection_string("SSLMODE=verify-full;" + srv.ca_option() + "TLSVERSION=TLSv1.3"));
  CHECK(session_status(v13, "SSL_VERSION") == "TLSv1.3");
}

TEST_CASE("TLS: SSLCRL refuses a revoked server certificate", "[integration][tls]") {
  TlsServer& srv = tls_server();
  Env env;
  Dbc dbc(env);
  dbc.connect(srv.connection_string("SSLMODE=verify-full;" + srv.ca_option() + "SSLCRL=" + srv.files.crl_empty));
  CHECK_FALSE(ssl_cipher(dbc).empty());
  const auto records =
      refused(srv.connection_string("SSLMODE=verify-full;" + srv.ca_option() + "SSLCRL=" + srv.files.crl_revoking));
  CHECK(records.front().sqlstate == "08001");
  CHECK_THAT(records.front().message, Catch::Contains("TLS: certificate verify failed: certificate revoked"));
}

TEST_CASE("TLS: the log says how each connection is protected", "[integration][tls]") {
  TlsServer& srv = tls_server();
  const std::string log = srv.files.dir + "/driver.log";
  std::remove(log.c_str());
  {
    Env env;
    Dbc dbc(env);
    dbc.connect(srv.connection_string("SSLMODE=verify-full;" + srv.ca_option() + "LOG_FILE=" + log));
  }
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  INFO(text.str());
  CHECK_THAT(text.str(), Catch::Contains(", TLS TLSv1."));
}
