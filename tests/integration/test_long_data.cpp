// Long data for statements prepared on the server: data-at-execution values go to the
// server piece by piece (COM_STMT_SEND_LONG_DATA) as SQLPutData hands them over. Which
// path ran is read from the session's Com_stmt_send_long_data counter, never assumed;
// the stored values are checked byte for byte (CRC32 and length on the server against
// the bytes sent). A link killed while pieces go out is 08S01 and nothing runs; an
// abandoned sequence leaves nothing behind for the next execution.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "resilience_test.h"

using namespace resilience_test;

namespace {

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

long long long_data_packets(Dbc& dbc) {
  Stmt st(dbc);
  return std::stoll(st.scalar(
      "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_STMT_SEND_LONG_DATA'"));
}

std::uint32_t crc32_of(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

// 6 MB of bytes that are not a repetition of one short pattern.
std::string big_binary() {
  std::string b(6 * 1024 * 1024 + 123, '\0');
  std::uint32_t x = 2463534242u;
  for (char& c : b) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x >> 24);
  }
  return b;
}

// Sends `bytes` in pieces of `piece` bytes; every call must succeed.
void put_in_pieces(SQLHSTMT h, const std::string& bytes, std::size_t piece) {
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    const std::size_t n = std::min(piece, bytes.size() - at);
    const SQLRETURN rc = SQLPutData(h, const_cast<char*>(bytes.data() + at), static_cast<SQLLEN>(n));
    INFO("piece at " << at << "\n" << describe(SQL_HANDLE_STMT, h));
    REQUIRE(rc == SQL_SUCCESS);
  }
}

struct Fixture {
  Env env;
  Dbc dbc{env};
  bool connected = (dbc.connect(resilient_connection_string()), true);
  Stmt st{dbc};
  Fixture() {
    st.run("DROP TABLE IF EXISTS hf_long");
    st.run("CREATE TABLE hf_long (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT) CHARACTER SET utf8mb4");
  }
};

constexpr std::size_t kPiece = 64 * 1024;

}  // namespace

TEST_CASE_METHOD(Fixture, "long data: 6 MB of bytes and split UTF-16 text go to the server in pieces",
                 "[integration][long_data]") {
  const std::string blob = big_binary();
  // Text with 2-byte, 3-byte and 4-byte (surrogate pair) characters, sent in 7-byte
  // pieces: code units and surrogate pairs are split between pieces.
  std::u16string text;
  for (int i = 0; i < 3000; ++i) text += u"a\u00e9\u20ac\U0001F600z";
  const std::string text_bytes(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(char16_t));
  SQLINTEGER id = 1;
  SQLLEN blob_ind = SQL_LEN_DATA_AT_EXEC(0), text_ind = SQL_DATA_AT_EXEC;
  char blob_token = 'b', text_token = 't';
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO hf_long (id, b, t) VALUES (?, ?, ?)"), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY, blob.size(), 0, &blob_token, 0,
                           &blob_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WLONGVARCHAR, text.size(), 0, &text_token, 0,
                           &text_ind) == SQL_SUCCESS);
  const long long before = long_data_packets(dbc);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  REQUIRE(token == &blob_token);
  put_in_pieces(st.h, blob, kPiece);
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  REQUIRE(token == &text_token);
  put_in_pieces(st.h, text_bytes, 7);
  const SQLRETURN rc = SQLParamData(st.h, &token);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  const long long blob_pieces = static_cast<long long>((blob.size() + kPiece - 1) / kPiece);
  const long long text_pieces = static_cast<long long>((text_bytes.size() + 6) / 7);
  // One packet a piece: every binary piece, and every 7-byte text piece (each holds at
  // least one whole character once joined with what waited from the one before).
  CHECK(long_data_packets(dbc) - before == blob_pieces + text_pieces);

  Stmt check(dbc);
  CHECK(check.scalar("SELECT LENGTH(b) FROM hf_long WHERE id = 1") == std::to_string(blob.size()));
  CHECK(check.scalar("SELECT CRC32(b) FROM hf_long WHERE id = 1") == std::to_string(crc32_of(blob)));
  std::string utf8;
  for (int i = 0; i < 3000; ++i) utf8 += "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
  CHECK(check.scalar("SELECT CHAR_LENGTH(t) FROM hf_long WHERE id = 1") == std::to_string(3000 * 5));
  CHECK(check.scalar("SELECT LENGTH(t) FROM hf_long WHERE id = 1") == std::to_string(utf8.size()));
  CHECK(check.scalar("SELECT CRC32(t) FROM hf_long WHERE id = 1") == std::to_string(crc32_of(utf8)));

  SECTION("the next execution: NULL and an empty value, no pieces") {
    id = 2;
    REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
    REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
    REQUIRE(SQLPutData(st.h, nullptr, SQL_NULL_DATA) == SQL_SUCCESS);
    REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
    REQUIRE(SQLPutData(st.h, &text_token, 0) == SQL_SUCCESS);
    REQUIRE(SQLParamData(st.h, &token) == SQL_SUCCESS);
    CHECK(check.scalar("SELECT CONCAT(b IS NULL, '/', t = '') FROM hf_long WHERE id = 2") == "1/1");
  }
}

TEST_CASE_METHOD(Fixture, "long data: the text path still gathers (SQLExecDirect), no long-data packet",
                 "[integration][long_data]") {
  SQLINTEGER id = 3;
  SQLLEN ind = SQL_DATA_AT_EXEC;
  char token_value = 'x';
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, 0, 0, &token_value, 0, &ind) ==
          SQL_SUCCESS);
  const long long before = long_data_packets(dbc);
  REQUIRE(SQLExecDirect(st.h, C("INSERT INTO hf_long (id, t) VALUES (?, ?)"), SQL_NTS) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  put_in_pieces(st.h, std::string(100000, 'q'), 4096);
  REQUIRE(SQLParamData(st.h, &token) == SQL_SUCCESS);
  CHECK(long_data_packets(dbc) == before);
  CHECK(st.scalar("SELECT LENGTH(t) FROM hf_long WHERE id = 3") == "100000");
}

TEST_CASE_METHOD(Fixture, "long data: an abandoned sequence leaves no pieces for the next execution",
                 "[integration][long_data]") {
  SQLINTEGER id = 4;
  SQLLEN ind = SQL_DATA_AT_EXEC;
  char token_value = 'x';
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO hf_long (id, t) VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, 0, 0, &token_value, 0, &ind) ==
          SQL_SUCCESS);
  const long long before = long_data_packets(dbc);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  put_in_pieces(st.h, "abandoned", 3);
  CHECK(long_data_packets(dbc) - before == 3);
  REQUIRE(SQLCancel(st.h) == SQL_SUCCESS);
  // The next execution, with a bound value: not the abandoned pieces.
  char value[] = "fresh";
  SQLLEN value_ind = SQL_NTS;
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, 0, 0, value, sizeof value,
                           &value_ind) == SQL_SUCCESS);
  const SQLRETURN rc = SQLExecute(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(st.scalar("SELECT t FROM hf_long WHERE id = 4") == "fresh");
}

TEST_CASE_METHOD(Fixture, "long data: a link killed while pieces go out is 08S01, the row is never written",
                 "[integration][long_data]") {
  Dbc admin(env);
  admin.connect();
  const std::string blob = big_binary();
  SQLINTEGER id = 5;
  SQLLEN ind = SQL_LEN_DATA_AT_EXEC(0);
  char token_value = 'b';
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO hf_long (id, b) VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY, 0, 0, &token_value, 0, &ind) ==
          SQL_SUCCESS);
  const std::string id_before = server_connection_id(dbc);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  // Ten pieces out, then the server kills the connection; the rest meets a closed link.
  SQLRETURN rc = SQL_SUCCESS;
  std::size_t at = 0;
  for (int k = 0; k < 10; ++k, at += kPiece)
    REQUIRE(SQLPutData(st.h, const_cast<char*>(blob.data() + at), static_cast<SQLLEN>(kPiece)) == SQL_SUCCESS);
  kill_connection(admin, id_before);
  for (; at < blob.size() && rc == SQL_SUCCESS; at += kPiece)
    rc = SQLPutData(st.h, const_cast<char*>(blob.data() + at),
                    static_cast<SQLLEN>(std::min(kPiece, blob.size() - at)));
  if (rc == SQL_SUCCESS) rc = SQLParamData(st.h, &token);  // the loss shows at the execution
  const std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_STMT, st.h);
  INFO(describe_records(records));
  REQUIRE(rc == SQL_ERROR);
  REQUIRE(!records.empty());
  CHECK(records.front().sqlstate == "08S01");
  // The sequence is over; the handle reconnects for the next statement (nothing is
  // left on the session the driver cannot rebuild), and the row was never written.
  CHECK(SQLParamData(st.h, &token) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");
  Stmt next(dbc);
  CHECK(next.scalar("SELECT COUNT(*) FROM hf_long WHERE id = 5") == "0");
  CHECK(server_connection_id(dbc) != id_before);
  // The prepared statement runs again on the new link, its data in pieces.
  id = 6;
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  put_in_pieces(st.h, blob.substr(0, 3 * kPiece), kPiece);
  REQUIRE(SQLParamData(st.h, &token) == SQL_SUCCESS);
  CHECK(next.scalar("SELECT LENGTH(b) FROM hf_long WHERE id = 6") == std::to_string(3 * kPiece));
}

TEST_CASE_METHOD(Fixture, "long data: a value longer than max_allowed_packet is the server's error, the link stays",
                 "[integration][long_data]") {
  const long long limit = std::stoll(st.scalar("SELECT @@max_allowed_packet"));
  const std::string piece(1024 * 1024, 'x');
  SQLINTEGER id = 7;
  SQLLEN ind = SQL_DATA_AT_EXEC;
  char token_value = 'b';
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO hf_long (id, b) VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY, 0, 0, &token_value, 0, &ind) ==
          SQL_SUCCESS);
  const std::string id_before = server_connection_id(dbc);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  for (long long sent = 0; sent <= limit; sent += static_cast<long long>(piece.size()))
    REQUIRE(SQLPutData(st.h, const_cast<char*>(piece.data()), static_cast<SQLLEN>(piece.size())) == SQL_SUCCESS);
  const SQLRETURN rc = SQLParamData(st.h, &token);
  const std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_STMT, st.h);
  INFO(describe_records(records));
  REQUIRE(rc == SQL_ERROR);
  REQUIRE(!records.empty());
  CHECK(records.front().sqlstate != "08S01");
  CHECK(records.front().message.find("max_") != std::string::npos);
  // The same link, nothing written.
  Stmt next(dbc);
  CHECK(next.scalar("SELECT COUNT(*) FROM hf_long WHERE id = 7") == "0");
  CHECK(server_connection_id(dbc) == id_before);
}
