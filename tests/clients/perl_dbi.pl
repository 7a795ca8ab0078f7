#!/usr/bin/perl
# Perl DBI with DBD::ODBC (Debian's libdbd-odbc-perl), as a Perl application uses a driver.
#
#   tests/clients/perl_dbi.pl
#
# Connects by DSN and by connection string; creates a table; inserts with ? parameters;
# selects and checks every value; table_info and column_info; a transaction rolled back
# and one committed (checked from the other connection); UTF-8 text with a 4-byte emoji
# (read back as Perl characters and as the bytes the server stored); and a connection
# killed by KILL CONNECTION from the second connection: the next statement works
# (transparent reconnect, a new server connection id) and nothing committed is lost; a
# kill inside a transaction is reported (08S01), rolled back, and the handle works again.
# Environment: TEST_DSN, TEST_DRIVER, TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD,
# TEST_SCHEMA (defaults: holdfast, Holdfast, 127.0.0.1, 3310, holdfast, holdfast,
# holdfast_test). Exits non-zero after printing every mismatch.
use strict;
use warnings;
use utf8;
use Encode qw(decode encode);
use Time::HiRes qw(sleep);

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';

BEGIN {
  eval { require DBI; require DBD::ODBC; 1 }
    or die "perl_dbi: DBI or DBD::ODBC is missing (apt-get install libdbd-odbc-perl)\n";
}

my %env = (
  dsn => $ENV{TEST_DSN} // 'holdfast', driver => $ENV{TEST_DRIVER} // 'Holdfast',
  server => $ENV{TEST_SERVER} // '127.0.0.1', port => $ENV{TEST_PORT} // '3310',
  uid => $ENV{TEST_UID} // 'holdfast', pwd => $ENV{TEST_PASSWORD} // 'holdfast',
  schema => $ENV{TEST_SCHEMA} // 'holdfast_test',
);
my $table = 'holdfast_client_perl';
my $text = "Grüße, 日本語, 😀";    # 13 characters, 24 bytes in UTF-8
my $text_hex = '4772C3BCC39F652C20E697A5E69CACE8AA9E2C20F09F9880';

my @failures;
sub check {
  my ($what, $got, $want) = @_;
  my $g = defined $got ? $got : 'undef';
  my $w = defined $want ? $want : 'undef';
  push @failures, "$what: got '$g', expected '$w'" if $g ne $w;
}

sub connect_to {
  my ($label, $dbi_dsn, @credentials) = @_;
  my $dbh = DBI->connect($dbi_dsn, @credentials,
                         { RaiseError => 1, PrintError => 0, AutoCommit => 1 });
  die "perl_dbi: FAIL: cannot connect ($label: $dbi_dsn): $DBI::errstr\n" unless $dbh;
  return $dbh;
}

# Kills $victim's server connection from $admin and waits until the server has closed it.
sub kill_connection {
  my ($admin, $id) = @_;
  $admin->do("KILL CONNECTION $id");
  for (1 .. 100) {
    my ($n) = $admin->selectrow_array(
      'SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?', undef, $id);
    last if $n == 0;
    sleep 0.02;
  }
  sleep 0.15;   # the FIN and the server's farewell packet reach the victim's socket
}

# Text to and from the driver: characters for a Unicode build, UTF-8 bytes otherwise.
my $unicode = 0;
sub to_db { my ($s) = @_; return $unicode || !defined $s ? $s : encode('UTF-8', $s) }
sub from_db { my ($s) = @_; return $unicode || !defined $s ? $s : decode('UTF-8', $s, Encode::FB_CROAK) }

my $by_dsn = connect_to('DSN', "dbi:ODBC:$env{dsn}", $env{uid}, $env{pwd});
my $by_string = connect_to('connection string',
  "dbi:ODBC:DRIVER={$env{driver}};SERVER=$env{server};PORT=$env{port};"
  . "DATABASE=$env{schema};UID=$env{uid};PWD=$env{pwd}");

eval {
  check('DSN connection: database', ($by_dsn->selectrow_array('SELECT DATABASE()'))[0], $env{schema});
  # Debian's DBD::ODBC is built without Unicode support: it calls the ANSI entry points
  # and passes strings as bytes, so the application sends and reads UTF-8 bytes (the
  # driver's SQL_C_CHAR is UTF-8). A Unicode build takes and returns characters.
  $unicode = $by_dsn->{odbc_has_unicode} ? 1 : 0;

  # Create, insert with parameters, select.
  $by_dsn->do("DROP TABLE IF EXISTS $table");
  $by_dsn->do("CREATE TABLE $table (id INT PRIMARY KEY, txt VARCHAR(100) NOT NULL,"
              . " amount DECIMAL(10,2), n INT NULL) CHARACTER SET utf8mb4");
  my $insert = $by_dsn->prepare("INSERT INTO $table (id, txt, amount, n) VALUES (?, ?, ?, ?)");
  check('insert row 1', $insert->execute(1, to_db($text), '12.50', undef), 1);
  check('insert row 2', $insert->execute(2, 'plain ascii', '-0.05', 7), 1);

  my $rows = $by_string->selectall_arrayref("SELECT id, txt, amount, n FROM $table ORDER BY id");
  check('row count', scalar @$rows, 2);
  my @want = ([1, $text, '12.50', undef], [2, 'plain ascii', '-0.05', 7]);
  for my $i (0 .. $#want) {
    for my $c (0 .. 3) {
      my $got = $c == 1 ? from_db($rows->[$i][$c]) : $rows->[$i][$c];
      check("row $want[$i][0] column $c", $got, $want[$i][$c]);
    }
  }
  my ($len, $hex) = $by_string->selectrow_array(
    "SELECT CHAR_LENGTH(txt), HEX(txt) FROM $table WHERE txt = ?", undef, to_db($text));
  check('UTF-8 text in WHERE parameter: characters stored', $len, 13);
  check('UTF-8 text: bytes stored', $hex, $text_hex);

  # Catalog: the table and its columns.
  my $tables = $by_dsn->table_info(undef, undef, $table, 'TABLE')->fetchall_arrayref({});
  check('table_info rows', scalar @$tables, 1);
  check('table_info TABLE_NAME', $tables->[0]{TABLE_NAME}, $table) if @$tables;
  check('table_info TABLE_CAT', $tables->[0]{TABLE_CAT}, $env{schema}) if @$tables;
  my $columns = $by_dsn->column_info(undef, undef, $table, '%')->fetchall_arrayref({});
  check('column_info names', join(',', map { $_->{COLUMN_NAME} } @$columns), 'id,txt,amount,n');
  check('column_info txt size', $columns->[1]{COLUMN_SIZE}, 100) if @$columns > 1;

  # A transaction rolled back, then one committed; the other connection sees only the second.
  $by_dsn->begin_work;
  $insert->execute(3, 'rolled back', undef, undef);
  $by_dsn->rollback;
  $by_dsn->begin_work;
  $insert->execute(4, to_db('committed 😀'), undef, undef);
  check('row 4 invisible to the other connection before commit',
        ($by_string->selectrow_array("SELECT COUNT(*) FROM $table WHERE id = 4"))[0], 0);
  $by_dsn->commit;
  check('ids after rollback and commit',
        join(',', @{$by_string->selectcol_arrayref("SELECT id FROM $table ORDER BY id")}), '1,2,4');

  # The DSN connection killed from the other one, outside a transaction: the next
  # statement runs on a new server connection and every committed row is there.
  my ($id) = $by_dsn->selectrow_array('SELECT CONNECTION_ID()');
  kill_connection($by_string, $id);
  my ($count) = eval { $by_dsn->selectrow_array("SELECT COUNT(*) FROM $table") };
  check('first statement after KILL (transparent reconnect)', $@ ? "error: $@" : 'ok', 'ok');
  check('rows after KILL', $count, 3);
  my ($new_id) = $by_dsn->selectrow_array('SELECT CONNECTION_ID()');
  check('a new server connection after KILL', $new_id != $id ? 'new' : "same id $id", 'new');
  check('insert with parameters after KILL', $insert->execute(5, to_db('after kill ✓'), undef, undef), 1);

  # Killed inside a transaction: the loss is reported, never hidden; after the
  # rollback the handle works again and the uncommitted row is gone.
  $by_dsn->begin_work;
  $insert->execute(6, 'lost with the transaction', undef, undef);
  ($id) = $by_dsn->selectrow_array('SELECT CONNECTION_ID()');
  kill_connection($by_string, $id);
  my $ok = eval { $by_dsn->do("INSERT INTO $table (id, txt) VALUES (7, 'x')"); 1 };
  check('statement after KILL inside a transaction fails', $ok ? 'succeeded' : 'failed', 'failed');
  check('its SQLSTATE', $by_dsn->state, '08S01') unless $ok;
  eval { $by_dsn->rollback; 1 } or push @failures, "rollback after the loss: $@";
  check('ids after the lost transaction',
        join(',', @{$by_dsn->selectcol_arrayref("SELECT id FROM $table ORDER BY id")}), '1,2,4,5');
  check('UTF-8 row read after reconnect',
        from_db(($by_dsn->selectrow_array("SELECT txt FROM $table WHERE id = 5"))[0]), 'after kill ✓');

  $by_dsn->do("DROP TABLE $table");
  1;
} or push @failures, "DBI error: $@";

$by_string->disconnect;
$by_dsn->disconnect;

if (@failures) {
  print STDERR "perl_dbi: FAIL: $_\n" for @failures;
  exit 1;
}
print "perl_dbi: OK (DBI $DBI::VERSION, DBD::ODBC $DBD::ODBC::VERSION, " . ($unicode ? 'Unicode' : 'ANSI') . " build; DSN $env{dsn} and DRIVER={$env{driver}})\n";
