<?php
// PHP's odbc extension (Debian's php-cli and php-odbc), as a PHP application uses a driver.
//
//   php tests/clients/php_odbc.php
//
// Connects by DSN and by connection string; creates a table; inserts with ? parameters
// (odbc_prepare/odbc_execute); selects and checks every value; odbc_tables and
// odbc_columns; a transaction rolled back and one committed (checked from the other
// connection); UTF-8 text with a 4-byte emoji (PHP strings are bytes: they go through the
// driver's SQL_C_CHAR, which is UTF-8); and a connection killed by KILL CONNECTION from
// the second connection: the next statement works (transparent reconnect, a new server
// connection id) and nothing committed is lost; a kill inside a transaction is reported
// (08S01), rolled back, and the connection works again.
// Environment: TEST_DSN, TEST_DRIVER, TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD,
// TEST_SCHEMA (defaults: holdfast, Holdfast, 127.0.0.1, 3310, holdfast, holdfast,
// holdfast_test). Exits non-zero after printing every mismatch.

if (!function_exists('odbc_connect')) {
    fwrite(STDERR, "php_odbc: the odbc extension is missing (apt-get install php-cli php-odbc)\n");
    exit(1);
}

function env_or(string $name, string $default): string {
    $v = getenv($name);
    return $v === false || $v === '' ? $default : $v;
}
$dsn = env_or('TEST_DSN', 'holdfast');
$driver = env_or('TEST_DRIVER', 'Holdfast');
$server = env_or('TEST_SERVER', '127.0.0.1');
$port = env_or('TEST_PORT', '3310');
$uid = env_or('TEST_UID', 'holdfast');
$pwd = env_or('TEST_PASSWORD', 'holdfast');
$schema = env_or('TEST_SCHEMA', 'holdfast_test');
$table = 'holdfast_client_php';
$text = 'Grüße, 日本語, 😀';  // 13 characters, 24 bytes in UTF-8
$text_hex = '4772C3BCC39F652C20E697A5E69CACE8AA9E2C20F09F9880';

$failures = [];
function check(string $what, $got, $want): void {
    global $failures;
    if ($got !== $want) {
        $failures[] = "$what: got " . var_export($got, true) . ", expected " . var_export($want, true);
    }
}

// The odbc functions report errors as warnings and return false; keep the last one.
$last_warning = '';
set_error_handler(function (int $no, string $message) use (&$last_warning) {
    $last_warning = $message;
    return true;
});

// Runs $sql (with parameters when $params is given) and returns every row as an array of
// column => value, or null after recording the error under $what.
function query($conn, string $what, string $sql, ?array $params = null): ?array {
    global $failures, $last_warning;
    if ($params === null) {
        $result = odbc_exec($conn, $sql);
    } else {
        $result = odbc_prepare($conn, $sql);
        if ($result !== false && !odbc_execute($result, $params)) $result = false;
    }
    if ($result === false) {
        $failures[] = "$what: [" . odbc_error($conn) . "] " . odbc_errormsg($conn) . " ($last_warning)";
        return null;
    }
    $rows = [];
    if (odbc_num_fields($result) > 0) {
        while (($row = odbc_fetch_array($result)) !== false) $rows[] = $row;
    }
    odbc_free_result($result);
    return $rows;
}

function scalar($conn, string $what, string $sql, ?array $params = null) {
    $rows = query($conn, $what, $sql, $params);
    return $rows === null || count($rows) === 0 ? null : array_values($rows[0])[0];
}

function connect_to(string $label, string $target, string $user, string $password) {
    global $last_warning;
    $conn = odbc_connect($target, $user, $password);
    if ($conn === false) {
        fwrite(STDERR, "php_odbc: FAIL: cannot connect ($label: $target): $last_warning\n");
        exit(1);
    }
    return $conn;
}

// Kills a server connection from $admin and waits until the server has closed it.
function kill_connection($admin, ?string $id): void {
    global $failures;
    if ($id === null) { $failures[] = "no connection id to kill"; return; }
    query($admin, 'KILL', "KILL CONNECTION $id");
    for ($i = 0; $i < 100; $i++) {
        if (scalar($admin, 'process list', 'SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ' . $id) === '0') break;
        usleep(20000);
    }
    usleep(150000);  // the FIN and the server's farewell packet reach the victim's socket
}

$by_dsn = connect_to('DSN', $dsn, $uid, $pwd);
$by_string = connect_to('connection string',
    "DRIVER={{$driver}};SERVER=$server;PORT=$port;DATABASE=$schema;UID=$uid;PWD=$pwd", '', '');

// A fetch that fails is silent in this extension (no warning, no odbc_error()): say what
// to look at before every later check reports a missing row.
if (scalar($by_dsn, 'SELECT 1', 'SELECT 1') !== '1') {
    fwrite(STDERR, "php_odbc: FAIL: no row fetched from SELECT 1; the extension fetches with SQLExtendedFetch"
        . " when SQLGetInfo(SQL_FETCH_DIRECTION) reports SQL_FD_FETCH_ABSOLUTE: does the driver export it?\n");
    exit(1);
}
check('DSN connection: database', scalar($by_dsn, 'database', 'SELECT DATABASE()'), $schema);

// Create, insert with parameters, select.
query($by_dsn, 'drop', "DROP TABLE IF EXISTS $table");
query($by_dsn, 'create', "CREATE TABLE $table (id INT PRIMARY KEY, txt VARCHAR(100) NOT NULL,"
    . " amount DECIMAL(10,2), n INT NULL) CHARACTER SET utf8mb4");
$insert = "INSERT INTO $table (id, txt, amount, n) VALUES (?, ?, ?, ?)";
query($by_dsn, 'insert row 1', $insert, [1, $text, '12.50', null]);
query($by_dsn, 'insert row 2', $insert, [2, 'plain ascii', '-0.05', 7]);

$rows = query($by_string, 'select', "SELECT id, txt, amount, n FROM $table ORDER BY id") ?? [];
check('rows', $rows, [
    ['id' => '1', 'txt' => $text, 'amount' => '12.50', 'n' => null],
    ['id' => '2', 'txt' => 'plain ascii', 'amount' => '-0.05', 'n' => '7'],
]);
$stored = query($by_string, 'UTF-8 text in a WHERE parameter',
    "SELECT CHAR_LENGTH(txt) AS len, HEX(txt) AS hex FROM $table WHERE txt = ?", [$text]);
check('UTF-8 text: characters and bytes stored', $stored, [['len' => '13', 'hex' => $text_hex]]);

// Catalog: the table and its columns. The extension is an ODBC 2 application, so the
// result columns carry ODBC 2 names (TABLE_QUALIFIER, PRECISION): read them by position.
$tables = [];
if (($r = odbc_tables($by_dsn, null, null, $table, 'TABLE')) !== false) {
    while (odbc_fetch_row($r)) $tables[] = [odbc_result($r, 1), odbc_result($r, 3), odbc_result($r, 4)];
} else {
    $failures[] = "odbc_tables: " . odbc_errormsg($by_dsn);
}
check('odbc_tables (catalog, name, type)', $tables, [[$schema, $table, 'TABLE']]);
$columns = [];
if (($r = odbc_columns($by_dsn, null, null, $table, '%')) !== false) {
    while (odbc_fetch_row($r)) $columns[] = odbc_result($r, 4) . ':' . odbc_result($r, 7);
} else {
    $failures[] = "odbc_columns: " . odbc_errormsg($by_dsn);
}
check('odbc_columns (name:size)', $columns, ['id:10', 'txt:100', 'amount:10', 'n:10']);

// A transaction rolled back, then one committed; the other connection sees only the second.
odbc_autocommit($by_dsn, false);
query($by_dsn, 'insert row 3', $insert, [3, 'rolled back', null, null]);
check('rollback', odbc_rollback($by_dsn), true);
query($by_dsn, 'insert row 4', $insert, [4, 'committed 😀', null, null]);
check('row 4 invisible to the other connection before commit',
    scalar($by_string, 'count', "SELECT COUNT(*) FROM $table WHERE id = 4"), '0');
check('commit', odbc_commit($by_dsn), true);
odbc_autocommit($by_dsn, true);
check('ids after rollback and commit',
    scalar($by_string, 'ids', "SELECT GROUP_CONCAT(id ORDER BY id) FROM $table"), '1,2,4');

// The DSN connection killed from the other one, outside a transaction: the next
// statement runs on a new server connection and every committed row is there.
$id = scalar($by_dsn, 'connection id', 'SELECT CONNECTION_ID()');
kill_connection($by_string, $id);
check('rows after KILL (transparent reconnect)',
    scalar($by_dsn, 'first statement after KILL', "SELECT COUNT(*) FROM $table"), '3');
$new_id = scalar($by_dsn, 'connection id', 'SELECT CONNECTION_ID()');
check('a new server connection after KILL', $new_id !== $id, true);
check('insert with parameters after KILL',
    query($by_dsn, 'insert row 5', $insert, [5, 'after kill ✓', null, null]), []);

// Killed inside a transaction: the loss is reported, never hidden; after the rollback
// the connection works again and the uncommitted row is gone.
odbc_autocommit($by_dsn, false);
query($by_dsn, 'insert row 6', $insert, [6, 'lost with the transaction', null, null]);
$id = scalar($by_dsn, 'connection id', 'SELECT CONNECTION_ID()');
kill_connection($by_string, $id);
$result = odbc_exec($by_dsn, "INSERT INTO $table (id, txt) VALUES (7, 'x')");
check('statement after KILL inside a transaction fails', $result === false, true);
check('its SQLSTATE', odbc_error($by_dsn), '08S01');
check('rollback after the loss', odbc_rollback($by_dsn), true);
odbc_autocommit($by_dsn, true);
check('ids after the lost transaction',
    scalar($by_dsn, 'ids', "SELECT GROUP_CONCAT(id ORDER BY id) FROM $table"), '1,2,4,5');
check('UTF-8 row read after reconnect', scalar($by_dsn, 'row 5', "SELECT txt FROM $table WHERE id = 5"), 'after kill ✓');

query($by_dsn, 'drop', "DROP TABLE $table");
odbc_close($by_string);
odbc_close($by_dsn);

if ($failures) {
    foreach ($failures as $f) fwrite(STDERR, "php_odbc: FAIL: $f\n");
    exit(1);
}
echo "php_odbc: OK (PHP " . PHP_VERSION . " odbc extension; DSN $dsn and DRIVER={{$driver}})\n";
