/* Holdfast ODBC driver: driver-specific definitions for applications.
 *
 * Connection attributes (SQLGetConnectAttr, read-only) that report what the driver's
 * resilience layer did. Values are SQLUINTEGER unless stated otherwise.
 */
#ifndef HOLDFAST_HOLDFAST_H
#define HOLDFAST_HOLDFAST_H

#include <sqlext.h>

/* Driver-specific connection attributes start at SQL_DRIVER_CONN_ATTR_BASE (0x4000). */
#define HOLDFAST_ATTR_BASE (SQL_DRIVER_CONN_ATTR_BASE + 0x0480)

/* Number of transparent reconnects since the connection was opened. */
#define HOLDFAST_ATTR_RECONNECT_COUNT (HOLDFAST_ATTR_BASE + 1)
/* Native error code of the last connection loss (0 if none), as SQLINTEGER. */
#define HOLDFAST_ATTR_LAST_LOSS_NATIVE (HOLDFAST_ATTR_BASE + 2)
/* SQL_TRUE when a loss now would be hidden by a transparent reconnect. */
#define HOLDFAST_ATTR_REPLAYABLE (HOLDFAST_ATTR_BASE + 3)
/* Number of idle pings sent since the connection was opened. */
#define HOLDFAST_ATTR_PING_COUNT (HOLDFAST_ATTR_BASE + 4)
/* Number of dead sockets noticed before a send without a round trip. */
#define HOLDFAST_ATTR_DEAD_SOCKET_COUNT (HOLDFAST_ATTR_BASE + 5)
/* The server's connection id (CONNECTION_ID()) of the current link, 0 if none. */
#define HOLDFAST_ATTR_CONNECTION_ID (HOLDFAST_ATTR_BASE + 6)

/* Why the connection was last lost, as a code (SQLCHAR text, "" if never): one of
 * idle_timeout, killed, server_shutdown, server_restart, network_reset, read_timeout,
 * write_timeout, ping_timeout, packet_too_large, forked, unknown. */
#define HOLDFAST_ATTR_LAST_LOSS_CAUSE (HOLDFAST_ATTR_BASE + 7)

/* How the current link is protected (SQLCHAR text): the TLS protocol and cipher, e.g.
 * "TLSv1.3 TLS_AES_256_GCM_SHA384", or "" for a clear-text link (or none). See the
 * SSLMODE connection keyword. */
#define HOLDFAST_ATTR_TLS (HOLDFAST_ATTR_BASE + 32)

/* Driver-specific diagnostic record field (SQLGetDiagField, text): why the connection
 * was lost or refused, as a code (see HOLDFAST_ATTR_LAST_LOSS_CAUSE, plus name_lookup,
 * refused, connect_timeout, unreachable, host_not_allowed, closed_by_application);
 * "" when the record is not about a lost or refused connection. The message text
 * says the same with its evidence, after "; cause: ". */
#define HOLDFAST_DIAG_CAUSE (SQL_DRIVER_DIAG_FIELD_BASE + 0x0480 + 1)

#endif /* HOLDFAST_HOLDFAST_H */
