#include "core/connect_config.h"

#include <algorithm>
#include <unordered_set>

#include "core/odbc_error.h"

namespace holdfast {

namespace {

using Origin = ConnectConfig::Origin;

// Values longer than this are cut in messages (a 1 MB value must not become a 1 MB
// diagnostic).
constexpr std::size_t kMaxQuoted = 64;

// One source of values: the connection string or the DSN. First value per keyword wins.
struct Layer {
  Origin origin;
  std::string dsn;  // for messages, when origin == dsn
  std::vector<std::pair<const KeywordDef*, std::string>> values;

  const std::string* find(const KeywordDef* def) const {
    for (const auto& [d, value] : values) {
      if (d == def) return &value;
    }
    return nullptr;
  }
};

// Keywords that carry no setting of their own.
bool is_structural(const KeywordDef& def) {
  return def.id == KeywordId::dsn || def.id == KeywordId::driver ||
         def.id == KeywordId::description || def.id == KeywordId::ignored;
}

// An empty value means "not set" for every keyword but strings: odbc.ini files often
// hold "PORT =" with nothing after it. (An empty string value is a value: PWD=; is the
// empty password.)
bool is_absent(const KeywordDef& def, std::string_view value) {
  return def.type == KeywordType::string ? false : trim_conn_blanks(value).empty();
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string describe_origin(Origin origin, const std::string& dsn) {
  return origin == Origin::dsn ? "from DSN '" + dsn + "'" : "from the connection string";
}

[[noreturn]] void invalid_value(const KeywordDef& def, std::string_view value, Origin origin,
                                const std::string& dsn, const std::string& expected) {
  std::string message = "Invalid value ";
  if (def.secret) {
    message += "(hidden)";
  } else {
    message += '\'';
    message.append(value.substr(0, kMaxQuoted));
    if (value.size() > kMaxQuoted) message += "...";
    message += '\'';
  }
  message += " for connection keyword ";
  message += def.name;
  message += " (" + describe_origin(origin, dsn) + "): " + expected;
  throw OdbcError("08001", message);
}

std::int64_t to_integer(const KeywordDef& def, std::string_view text, Origin origin,
                        const std::string& dsn) {
  const auto value = parse_keyword_integer(text);
  if (!value || *value < def.min || *value > def.max) {
    invalid_value(def, text, origin, dsn,
                  "expected an integer from " + std::to_string(def.min) + " to " +
                      std::to_string(def.max));
  }
  return *value;
}

bool to_boolean(const KeywordDef& def, std::string_view text, Origin origin,
                const std::string& dsn) {
  const auto value = parse_keyword_boolean(text);
  if (!value) invalid_value(def, text, origin, dsn, "expected 1 or 0 (yes/no, true/false, on/off)");
  return *value;
}

Layer read_connection_string(const ConnAttributes& attributes, ConnectConfig& config,
                             const KeywordDef*& source) {
  Layer layer{Origin::connection_string, {}, {}};
  std::unordered_set<std::string> unknown_seen;  // upper case: each unknown reported once
  for (const ConnAttribute& attribute : attributes) {
    const KeywordDef* def = find_keyword(attribute.key);
    if (def == nullptr) {
      if (unknown_seen.insert(ascii_upper(attribute.key)).second) {
        config.unknown_keywords.push_back(attribute.key);
      }
      continue;
    }
    if (def->id == KeywordId::dsn || def->id == KeywordId::driver) {
      // Whichever of DSN and DRIVER comes first is used; the other is ignored. A blank
      // one names nothing and does not count.
      const std::string_view name = trim_conn_blanks(attribute.value);
      if (source == nullptr && !name.empty()) {
        source = def;
        (def->id == KeywordId::dsn ? config.dsn : config.driver) = std::string(name);
      }
      continue;
    }
    if (def->id == KeywordId::description || def->id == KeywordId::ignored) continue;
    if (is_absent(*def, attribute.value) || layer.find(def) != nullptr) continue;
    layer.values.emplace_back(def, attribute.value);
  }
  return layer;
}

Layer read_dsn(const std::string& dsn, const DsnReader& reader) {
  Layer layer{Origin::dsn, dsn, {}};
  if (!reader) return layer;
  for (const KeywordDef& def : keyword_table()) {
    if (is_structural(def)) continue;
    auto lookup = [&](std::string_view name) {
      if (name.empty()) return false;
      std::optional<std::string> value = reader(dsn, std::string(name));
      if (!value || value->empty() || is_absent(def, *value)) return false;
      layer.values.emplace_back(&def, std::move(*value));
      return true;
    };
    if (lookup(def.name)) continue;
    for (std::string_view alias : def.aliases) {
      if (lookup(alias)) break;
    }
  }
  return layer;
}

// The bits of OPTION a layer decides (mask) and their values (bits). A flag keyword beats
// its layer's OPTION wherever it is written.
struct OptionBits {
  std::uint32_t mask = 0;
  std::uint32_t bits = 0;
};

OptionBits read_options(const Layer& layer, std::uint32_t decided_above) {
  OptionBits result;
  if (decided_above == ~std::uint32_t{0}) return result;
  const KeywordDef& option = keyword(KeywordId::option);
  if (const std::string* text = layer.find(&option)) {
    result.mask = ~std::uint32_t{0};
    result.bits = static_cast<std::uint32_t>(to_integer(option, *text, layer.origin, layer.dsn));
  }
  for (const auto& [def, text] : layer.values) {
    if (def->id != KeywordId::option_flag || (decided_above & def->option_bit) != 0) continue;
    const bool on = to_boolean(*def, text, layer.origin, layer.dsn);
    result.mask |= def->option_bit;
    result.bits = on ? (result.bits | def->option_bit) : (result.bits & ~def->option_bit);
  }
  return result;
}

// Which bits each source decided (a source that gives OPTION decides them all).
struct OptionMasks {
  std::uint32_t given = 0;
  std::uint32_t dsn = 0;
};

OptionMasks apply_options(ConnectConfig& config, const Layer& given, const Layer& dsn) {
  const OptionBits top = read_options(given, 0);
  const OptionBits low = read_options(dsn, top.mask);
  config.options = (top.bits & top.mask) | (low.bits & low.mask & ~top.mask);
  if ((top.mask | low.mask) != 0) {
    config.settings.push_back({&keyword(KeywordId::option),
                               top.mask != 0 ? Origin::connection_string : Origin::dsn,
                               std::to_string(config.options)});
  }
  return {top.mask, low.mask};
}

constexpr std::uint32_t kAutoReconnectBit = 4194304;
constexpr std::uint32_t kNoSchemaBit = 64;
constexpr std::uint32_t kNoCatalogBit = 32768;

// Holdfast's own keyword `own` against the OPTION bits `bits` that mean the same thing:
// the connection string's keyword, then its bits, then the DSN's keyword, then its bits.
// True when the bits decide (the keyword's stored value then gives way).
bool bits_decide(const KeywordDef& own, std::uint32_t bits, const Layer& given, const Layer& dsn,
                 const OptionMasks& masks) {
  if (given.find(&own) != nullptr) return false;
  if ((masks.given & bits) != 0) return true;
  if (dsn.find(&own) != nullptr) return false;
  return (masks.dsn & bits) != 0;
}

// Transparent reconnection from the other drivers' settings. Their AUTO_RECONNECT is unsafe
// (it can resend a write or hide a lost transaction), so their DSNs mostly leave the bit clear
// in OPTION; Holdfast's reconnection loses nothing, so a clear bit in an OPTION number keeps it
// on, and only the AUTO_RECONNECT keyword set to 0 (or RECONNECT=0) turns it off. Per source,
// connection string first: RECONNECT decides, else the AUTO_RECONNECT keyword, else an OPTION
// with the bit set; an OPTION with the bit clear leaves it to the next source's keywords
// (its OPTION is hidden by the higher one, as for every other bit).
void apply_reconnect_meaning(ConnectConfig& config, const Layer& given, const Layer& dsn) {
  const KeywordDef& own = keyword(KeywordId::reconnect);
  const KeywordDef* flag = find_keyword("AUTO_RECONNECT");
  const KeywordDef& option = keyword(KeywordId::option);
  bool option_without_bit = false;
  for (const Layer* layer : {&given, &dsn}) {
    if (layer->find(&own) != nullptr) return;
    if (const std::string* text = layer->find(flag)) {
      config.reconnect = to_boolean(*flag, *text, layer->origin, layer->dsn);
      return;
    }
    const std::string* text = layer->find(&option);
    if (text != nullptr && !option_without_bit) {  // a higher source's OPTION hides this one
      const auto bits = static_cast<std::uint32_t>(to_integer(option, *text, layer->origin, layer->dsn));
      if ((bits & kAutoReconnectBit) != 0) {
        config.reconnect = true;
        return;
      }
      option_without_bit = true;
    }
  }
  if (option_without_bit && config.reconnect) {
    config.compat_notes.push_back(
        "OPTION without AUTO_RECONNECT (4194304): Holdfast keeps its transparent reconnection, "
        "which never resends a write or hides a lost transaction; AUTO_RECONNECT=0 or "
        "RECONNECT=0 turns it off");
  }
}

void apply_option_meanings(ConnectConfig& config, const Layer& given, const Layer& dsn,
                           const OptionMasks& masks) {
  apply_reconnect_meaning(config, given, dsn);
  if (bits_decide(keyword(KeywordId::database_as_schema), kNoSchemaBit | kNoCatalogBit, given, dsn,
                  masks)) {
    config.database_as_schema = config.option(kNoCatalogBit) && !config.option(kNoSchemaBit);
    if (config.database_as_schema) {
      config.compat_notes.push_back(
          "NO_CATALOG without NO_SCHEMA: databases are presented as schemas (DATABASE_AS_SCHEMA=1)");
    }
  }
  const std::uint32_t inert = config.options & ~honoured_option_bits();
  if (inert != 0) {
    config.compat_notes.push_back("OPTION bits accepted with no effect in Holdfast: " +
                                  describe_option_bits(inert));
  }
}

// Stores one typed value in its field; returns the value as the out string writes it.
std::string store(ConnectConfig& config, const KeywordDef& def, const std::string& text,
                  Origin origin, const std::string& dsn) {
  switch (def.type) {
    case KeywordType::string: {
      std::string value = text.empty() ? std::string(def.default_value) : text;
      switch (def.id) {
        case KeywordId::database: config.database = value; break;
        case KeywordId::uid: config.uid = value; break;
        case KeywordId::pwd: config.pwd = value; break;
        case KeywordId::socket: config.socket = value; break;
        case KeywordId::charset: config.charset = value; break;
        case KeywordId::initstmt: config.initstmt = value; break;
        case KeywordId::log_file: config.log_file = value; break;
        case KeywordId::tls_mode: {
          const auto mode = parse_tls_mode(value);
          if (!mode) invalid_value(def, text, origin, dsn, std::string(tls_mode_expected()));
          config.tls.mode = *mode;
          return std::string(tls_mode_name(*mode));
        }
        case KeywordId::tls_ca: config.tls.ca = value; break;
        case KeywordId::tls_capath: config.tls.capath = value; break;
        case KeywordId::tls_cert: config.tls.cert = value; break;
        case KeywordId::tls_key: config.tls.key = value; break;
        case KeywordId::tls_key_password: config.tls.key_password = value; break;
        case KeywordId::tls_cipher: config.tls.cipher = value; break;
        case KeywordId::tls_crl: config.tls.crl = value; break;
        case KeywordId::tls_crlpath: config.tls.crlpath = value; break;
        case KeywordId::tls_versions: {
          if (value.empty()) break;
          auto versions = parse_tls_versions(value);
          if (!versions) {
            invalid_value(def, text, origin, dsn,
                          "expected TLS versions such as TLSv1.2,TLSv1.3 (TLSv1.1, TLSv1.2, TLSv1.3) or a bitmask "
                          "1 to 7");
          }
          config.tls.versions = *versions;
          return *versions;
        }
        case KeywordId::plugin_dir: config.plugin_dir = value; break;
        case KeywordId::default_auth: config.default_auth = value; break;
        default: break;  // SERVER: parsed once PORT is known
      }
      return value;
    }
    case KeywordType::integer: {
      const int value = static_cast<int>(to_integer(def, text, origin, dsn));
      switch (def.id) {
        case KeywordId::port: config.port = value; break;
        case KeywordId::ping_idle: config.ping_idle = value; break;
        case KeywordId::reconnect_tries: config.reconnect_tries = value; break;
        case KeywordId::connect_timeout: config.connect_timeout = value; break;
        case KeywordId::read_timeout: config.read_timeout = value; break;
        case KeywordId::write_timeout: config.write_timeout = value; break;
        case KeywordId::log_level: config.log_level = value; break;
        default: break;
      }
      return std::to_string(value);
    }
    case KeywordType::boolean: {
      const bool value = to_boolean(def, text, origin, dsn);
      switch (def.id) {
        case KeywordId::reconnect: config.reconnect = value; break;
        case KeywordId::retry_reads: config.retry_reads = value; break;
        case KeywordId::server_prepare: config.server_prepare = value; break;
        case KeywordId::database_as_schema: config.database_as_schema = value; break;
        case KeywordId::tls_force: config.tls.force = value; break;
        case KeywordId::tls_verify: config.tls.verify = value; break;
        case KeywordId::interactive: config.interactive = value; break;
        case KeywordId::buffer_results: config.buffer_results = value; break;
        case KeywordId::direct_binary: config.direct_binary = value; break;
        default: break;
      }
      return value ? "1" : "0";
    }
    case KeywordType::bitmask:
      break;  // OPTION: apply_options()
  }
  return text;
}

std::optional<int> parse_port(std::string_view text) {
  const auto value = parse_keyword_integer(text);
  if (!value || *value < 1 || *value > 65535) return std::nullopt;
  return static_cast<int>(*value);
}

// The reason `text` is not a server list, or the list.
std::vector<HostPort> split_servers(std::string_view text, int default_port, std::string& error) {
  std::vector<HostPort> servers;
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = text.find(',', from);
    const std::string_view entry = trim_conn_blanks(
        text.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
    HostPort server{std::string(), default_port};
    std::string_view port_text;
    bool has_port = false;
    if (!entry.empty() && entry.front() == '[') {
      const std::size_t close = entry.find(']');
      if (close == std::string_view::npos) {
        error = "an IPv6 address opened with '[' has no ']'";
        return {};
      }
      server.host = entry.substr(1, close - 1);
      const std::string_view rest = entry.substr(close + 1);
      if (!rest.empty()) {
        if (rest.front() != ':') {
          error = "expected ':port' after ']'";
          return {};
        }
        port_text = rest.substr(1);
        has_port = true;
      }
    } else if (const std::size_t colon = entry.find(':');
               colon != std::string_view::npos &&
               entry.find(':', colon + 1) == std::string_view::npos) {
      server.host = trim_conn_blanks(entry.substr(0, colon));
      port_text = entry.substr(colon + 1);
      has_port = true;
    } else {
      server.host = entry;  // a plain host name, or a bare IPv6 address (several ':')
    }
    if (server.host.empty()) {
      error = "every entry of the list needs a host (host[:port],...)";
      return {};
    }
    if (has_port) {
      const auto port = parse_port(port_text);
      if (!port) {
        error = "the port of host '" + server.host + "' must be an integer from 1 to 65535";
        return {};
      }
      server.port = *port;
    }
    servers.push_back(std::move(server));
    if (comma == std::string_view::npos) break;
    from = comma + 1;
  }
  return servers;
}

void append_settings(std::string& out, const ConnectConfig& config, bool for_log) {
  if (!config.dsn.empty()) {
    append_attribute(out, "DSN", config.dsn);
  } else if (!config.driver.empty()) {
    // Braces kept around DRIVER, as the spec asks of the returned string.
    if (!out.empty()) out += ';';
    out += "DRIVER=" + brace_value(config.driver);
  }
  for (const ConnectConfig::Setting& setting : config.settings) {
    if (setting.def->secret) {  // PWD, TLSKEYPWD
      if (for_log) {
        append_attribute(out, setting.def->name, "***");
        continue;
      }
      if (setting.origin == Origin::dsn) continue;
    }
    append_attribute(out, setting.def->name, setting.value);
  }
}

}  // namespace

std::vector<HostPort> parse_server_list(std::string_view text, int default_port) {
  std::string error;
  std::vector<HostPort> servers = split_servers(text, default_port, error);
  if (!error.empty()) {
    throw OdbcError("08001", "Invalid value '" + std::string(text.substr(0, kMaxQuoted)) +
                                 "' for connection keyword SERVER: " + error);
  }
  return servers;
}

ConnectConfig make_connect_config(const ConnAttributes& attributes, const DsnReader& reader) {
  ConnectConfig config;
  const KeywordDef* source = nullptr;
  const Layer given = read_connection_string(attributes, config, source);
  // With neither DSN nor DRIVER, the driver reads the "Default" data source (ODBC,
  // SQLDriverConnect Function, Driver Guidelines).
  if (source == nullptr) config.dsn = "DEFAULT";
  const Layer from_dsn =
      config.dsn.empty() ? Layer{Origin::dsn, {}, {}} : read_dsn(config.dsn, reader);

  std::string server_text(keyword(KeywordId::server).default_value);
  Origin server_origin = Origin::connection_string;
  std::string legacy_given;
  for (const KeywordDef& def : keyword_table()) {
    if (def.id == KeywordId::legacy) {
      // Accepted whatever its value; named in the log, never with its value.
      if (given.find(&def) != nullptr || from_dsn.find(&def) != nullptr) {
        if (!legacy_given.empty()) legacy_given += ", ";
        legacy_given += def.name;
      }
      continue;
    }
    if (is_structural(def) || def.id == KeywordId::option || def.id == KeywordId::option_flag) {
      continue;
    }
    const std::string* text = given.find(&def);
    const Layer* layer = &given;
    if (text == nullptr) {
      text = from_dsn.find(&def);
      layer = &from_dsn;
    }
    const std::string value =
        store(config, def, text != nullptr ? *text : std::string(def.default_value),
              layer->origin, layer->dsn);
    if (def.id == KeywordId::server) {
      server_text = value;
      server_origin = layer->origin;
    }
    if (text != nullptr) config.settings.push_back({&def, layer->origin, value});
  }

  std::string error;
  config.servers = split_servers(server_text, config.port, error);
  if (!error.empty()) {
    invalid_value(keyword(KeywordId::server), server_text, server_origin,
                  server_origin == Origin::dsn ? config.dsn : std::string(), error);
  }
  const OptionMasks masks = apply_options(config, given, from_dsn);
  apply_option_meanings(config, given, from_dsn, masks);
  if (!legacy_given.empty()) {
    config.compat_notes.push_back("keywords of other drivers accepted with no effect in Holdfast: " +
                                  legacy_given);
  }
  resolve_tls_mode(config.tls, given.find(&keyword(KeywordId::tls_mode)) != nullptr ||
                                   from_dsn.find(&keyword(KeywordId::tls_mode)) != nullptr);
  // Keep table order for the out string: OPTION was appended last.
  std::stable_sort(config.settings.begin(), config.settings.end(),
                   [](const ConnectConfig::Setting& a, const ConnectConfig::Setting& b) {
                     return a.def < b.def;
                   });
  return config;
}

std::string ConnectConfig::out_connection_string() const {
  std::string out;
  append_settings(out, *this, false);
  return out;
}

std::string ConnectConfig::redacted() const {
  std::string out;
  append_settings(out, *this, true);
  return out;
}

}  // namespace holdfast
