#include "wfm/forecast/model_file.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/interval_csv.hpp"

namespace wfm::forecast {

namespace {

using nlohmann::json;

// ---- writing ----

double finite(double v, const std::string& what) {
  WFM_ENSURE(std::isfinite(v), "model state: non-finite value in {}", what);
  return v;
}

json matrix_to_json(const Eigen::MatrixXd& m, const std::string& what) {
  json data = json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) data.push_back(finite(m(r, c), what));
  }
  return json{{"rows", m.rows()}, {"cols", m.cols()}, {"data", std::move(data)}};
}

json state_to_json(const ModelState& s, const std::string& where) {
  json scalars = json::object();
  for (const auto& [name, v] : s.scalars) scalars[name] = finite(v, where + ".scalars." + name);
  json arrays = json::object();
  for (const auto& [name, m] : s.arrays)
    arrays[name] = matrix_to_json(m, where + ".arrays." + name);
  return json{{"method", s.method},
              {"scalars", std::move(scalars)},
              {"arrays", std::move(arrays)},
              {"last_date", core::format_local_date(s.last_date)},
              {"slots", s.slots},
              {"interval_s", s.interval_s}};
}

json queue_to_json(const QueueModel& m, std::size_t index) {
  const std::string where = fmt::format("queues[{}]", index);
  json open = json::array();
  for (const auto& mask : m.open) {
    json row = json::array();
    for (char c : mask) row.push_back(c ? 1 : 0);
    open.push_back(std::move(row));
  }
  json members = json::array();
  for (std::size_t k = 0; k < m.members.size(); ++k) {
    members.push_back(state_to_json(m.members[k], fmt::format("{}.members[{}]", where, k)));
  }
  json z = json::array();
  for (double q : m.intervals.z_quantiles) z.push_back(finite(q, where + ".intervals"));
  json intervals{{"basis", m.intervals.basis},
                 {"residuals", m.intervals.residuals},
                 {"phi", finite(m.intervals.phi, where + ".intervals.phi")},
                 {"kappa2", finite(m.intervals.kappa2, where + ".intervals.kappa2")},
                 {"z_quantiles", std::move(z)}};
  json aht = nullptr;
  if (m.aht) {
    aht = json{{"profile", matrix_to_json(m.aht->profile, where + ".aht.profile")},
               {"level_factor", finite(m.aht->level_factor, where + ".aht.level_factor")}};
  }
  return json{{"queue", m.queue},
              {"interval_s", m.interval_s},
              {"slots", m.slots},
              {"open", std::move(open)},
              {"last_date", core::format_local_date(m.last_date)},
              {"members", std::move(members)},
              {"intervals", std::move(intervals)},
              {"aht", std::move(aht)}};
}

// ---- reading ----

class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw core::InputError(core::Location{file_, 0, {}},
                           path.empty() ? message : fmt::format("key '{}': {}", path, message));
  }

  static std::string describe(const json& v) {
    if (v.is_number() || v.is_boolean()) return v.dump();
    if (v.is_string()) {
      const auto s = v.get<std::string>();
      return s.size() <= 40 ? v.dump() : "a string";
    }
    if (v.is_null()) return "null";
    return std::string("an ") + (v.is_array() ? "array" : "object");
  }

  const json& object(const json& v, const std::string& path) const {
    if (!v.is_object()) fail(path, fmt::format("expected an object, got {}", describe(v)));
    return v;
  }

  const json& key(const json& obj, const std::string& name, const std::string& path) const {
    const std::string at = path.empty() ? name : path + "." + name;
    object(obj, path);
    const auto it = obj.find(name);
    if (it == obj.end()) fail(at, "missing");
    return *it;
  }

  static std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
  }

  double number(const json& v, const std::string& path) const {
    if (!v.is_number()) fail(path, fmt::format("expected a number, got {}", describe(v)));
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(path, fmt::format("expected a finite number, got {}", v.dump()));
    return d;
  }

  long long integer(const json& v, const std::string& path, long long lo, long long hi) const {
    if (!v.is_number_integer())
      fail(path, fmt::format("expected a whole number from {} to {}, got {}", lo, hi, describe(v)));
    const long long x =
        v.is_number_unsigned()
            ? static_cast<long long>(std::min<std::uint64_t>(
                  v.get<std::uint64_t>(),
                  static_cast<std::uint64_t>(std::numeric_limits<long long>::max())))
            : v.get<long long>();
    if (x < lo || x > hi)
      fail(path, fmt::format("expected a whole number from {} to {}, got {}", lo, hi, x));
    return x;
  }

  std::string string(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, fmt::format("expected a string, got {}", describe(v)));
    return v.get<std::string>();
  }

  Date date(const json& v, const std::string& path) const {
    const auto text = string(v, path);
    const auto d = core::parse_local_date(text);
    if (!d) fail(path, fmt::format("expected a date YYYY-MM-DD, got {}", v.dump()));
    return *d;
  }

  const json& array(const json& v, const std::string& path, std::optional<std::size_t> size,
                    const char* what) const {
    if (!v.is_array())
      fail(path, fmt::format("expected an array of {}, got {}", what, describe(v)));
    if (size && v.size() != *size)
      fail(path, fmt::format("expected {} {}, got {}", *size, what, v.size()));
    return v;
  }

  std::vector<double> numbers(const json& v, const std::string& path,
                              std::optional<std::size_t> size) const {
    array(v, path, size, "numbers");
    std::vector<double> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
      out.push_back(number(v[i], fmt::format("{}[{}]", path, i)));
    return out;
  }

  Eigen::MatrixXd matrix(const json& v, const std::string& path) const {
    object(v, path);
    constexpr long long max_dim = 1'000'000;
    const auto rows = integer(key(v, "rows", path), join(path, "rows"), 0, max_dim);
    const auto cols = integer(key(v, "cols", path), join(path, "cols"), 0, max_dim);
    const auto n = static_cast<std::size_t>(rows * cols);
    const auto data = numbers(key(v, "data", path), join(path, "data"), n);
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r) {
      for (Eigen::Index c = 0; c < cols; ++c)
        m(r, c) = data[static_cast<std::size_t>(r * cols + c)];
    }
    return m;
  }

  std::vector<int> slots(const json& v, const std::string& path, int interval_s) const {
    array(v, path, std::nullopt, "slot numbers");
    const long long per_day = slots_per_day(interval_s);
    if (v.empty()) fail(path, "expected at least one slot");
    std::vector<int> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const auto s = integer(v[i], fmt::format("{}[{}]", path, i), 0, per_day - 1);
      if (!out.empty() && s <= out.back())
        fail(fmt::format("{}[{}]", path, i),
             fmt::format("expected increasing slot numbers, got {} after {}", s, out.back()));
      out.push_back(static_cast<int>(s));
    }
    return out;
  }

  int interval_length(const json& v, const std::string& path) const {
    const auto s = integer(v, path, 1, io::weekly_interval_s);
    if (86400 % s != 0 && s != io::weekly_interval_s)
      fail(path, fmt::format("expected an interval length in seconds dividing a day, or a week "
                             "({}), got {}",
                             io::weekly_interval_s, s));
    return static_cast<int>(s);
  }

  ModelState member(const json& v, const std::string& path, const QueueModel& q) const {
    object(v, path);
    ModelState s;
    s.method = string(key(v, "method", path), join(path, "method"));
    try {
      make_forecaster(s.method);
    } catch (const core::InputError& e) {
      fail(join(path, "method"), e.detail());
    }
    const json& scalars = object(key(v, "scalars", path), join(path, "scalars"));
    for (const auto& [name, x] : scalars.items()) {
      s.scalars[name] = number(x, join(join(path, "scalars"), name));
    }
    const json& arrays = object(key(v, "arrays", path), join(path, "arrays"));
    for (const auto& [name, x] : arrays.items()) {
      s.arrays[name] = matrix(x, join(join(path, "arrays"), name));
    }
    s.last_date = date(key(v, "last_date", path), join(path, "last_date"));
    s.interval_s = interval_length(key(v, "interval_s", path), join(path, "interval_s"));
    if (s.interval_s != q.interval_s)
      fail(join(path, "interval_s"), fmt::format("expected the queue's interval length {}, got {}",
                                                 q.interval_s, s.interval_s));
    s.slots = slots(key(v, "slots", path), join(path, "slots"), s.interval_s);
    if (s.slots != q.slots) fail(join(path, "slots"), "expected the queue's slots");
    return s;
  }

  IntervalModel intervals(const json& v, const std::string& path) const {
    object(v, path);
    IntervalModel m;
    m.basis = string(key(v, "basis", path), join(path, "basis"));
    if (m.basis != "backtest" && m.basis != "poisson")
      fail(join(path, "basis"),
           fmt::format("expected \"backtest\" or \"poisson\", got \"{}\"", m.basis));
    m.residuals =
        static_cast<std::size_t>(integer(key(v, "residuals", path), join(path, "residuals"), 0,
                                         std::numeric_limits<long long>::max()));
    m.phi = number(key(v, "phi", path), join(path, "phi"));
    m.kappa2 = number(key(v, "kappa2", path), join(path, "kappa2"));
    if (m.phi < 0) fail(join(path, "phi"), fmt::format("expected a number >= 0, got {}", m.phi));
    if (m.kappa2 < 0)
      fail(join(path, "kappa2"), fmt::format("expected a number >= 0, got {}", m.kappa2));
    const std::string zp = join(path, "z_quantiles");
    m.z_quantiles = numbers(key(v, "z_quantiles", path), zp, 199);
    for (std::size_t k = 1; k < m.z_quantiles.size(); ++k) {
      if (m.z_quantiles[k] < m.z_quantiles[k - 1])
        fail(fmt::format("{}[{}]", zp, k),
             fmt::format("expected increasing quantiles, got {} after {}", m.z_quantiles[k],
                         m.z_quantiles[k - 1]));
    }
    return m;
  }

  AhtModel aht(const json& v, const std::string& path, std::size_t width) const {
    object(v, path);
    AhtModel m;
    const std::string pp = join(path, "profile");
    m.profile = matrix(key(v, "profile", path), pp);
    if (m.profile.rows() != 7 || m.profile.cols() != static_cast<Eigen::Index>(width))
      fail(pp, fmt::format("expected 7 rows and {} columns (weekdays x slots), got {} x {}", width,
                           m.profile.rows(), m.profile.cols()));
    for (Eigen::Index i = 0; i < m.profile.size(); ++i) {
      if (!(m.profile.data()[i] > 0))
        fail(join(pp, "data"),
             fmt::format("expected handle times > 0, got {}", m.profile.data()[i]));
    }
    m.level_factor = number(key(v, "level_factor", path), join(path, "level_factor"));
    if (!(m.level_factor > 0))
      fail(join(path, "level_factor"),
           fmt::format("expected a number > 0, got {}", m.level_factor));
    return m;
  }

  QueueModel queue(const json& v, const std::string& path) const {
    object(v, path);
    QueueModel q;
    q.queue = string(key(v, "queue", path), join(path, "queue"));
    q.interval_s = interval_length(key(v, "interval_s", path), join(path, "interval_s"));
    q.slots = slots(key(v, "slots", path), join(path, "slots"), q.interval_s);
    const std::string op = join(path, "open");
    const json& open = array(key(v, "open", path), op, 7, "weekday masks (Monday first)");
    for (std::size_t wd = 0; wd < 7; ++wd) {
      const std::string mp = fmt::format("{}[{}]", op, wd);
      array(open[wd], mp, q.slots.size(), "0/1 values (one per slot)");
      auto& mask = q.open[wd];
      for (std::size_t c = 0; c < q.slots.size(); ++c) {
        mask.push_back(static_cast<char>(integer(open[wd][c], fmt::format("{}[{}]", mp, c), 0, 1)));
      }
    }
    q.last_date = date(key(v, "last_date", path), join(path, "last_date"));
    const std::string mp = join(path, "members");
    const json& members = array(key(v, "members", path), mp, std::nullopt, "models");
    if (members.empty()) fail(mp, "expected at least one model");
    for (std::size_t k = 0; k < members.size(); ++k) {
      const std::string kp = fmt::format("{}[{}]", mp, k);
      ModelState s = member(members[k], kp, q);
      // The state must rebuild a model that predicts the queue's shape.
      try {
        const auto fitted = make_forecaster(s.method)->restore(s);
        const Date next = q.last_date + std::chrono::days{1};
        const Eigen::MatrixXd p = fitted->predict(std::span<const Date>(&next, 1));
        if (p.rows() != 1 || p.cols() != static_cast<Eigen::Index>(q.slots.size()) ||
            !p.allFinite()) {
          fail(kp, fmt::format("the saved state of method '{}' does not predict {} finite values "
                               "a day",
                               s.method, q.slots.size()));
        }
      } catch (const core::InputError&) {
        throw;
      } catch (const std::exception& e) {
        fail(kp, fmt::format("the saved state does not fit method '{}': {}", s.method, e.what()));
      }
      q.members.push_back(std::move(s));
    }
    q.intervals = intervals(key(v, "intervals", path), join(path, "intervals"));
    const json& aht_json = key(v, "aht", path);
    if (!aht_json.is_null()) q.aht = aht(aht_json, join(path, "aht"), q.slots.size());
    return q;
  }

 private:
  const std::string& file_;
};

}  // namespace

json models_to_json(const std::vector<QueueModel>& models, const std::string& created_by) {
  json queues = json::array();
  for (std::size_t i = 0; i < models.size(); ++i) queues.push_back(queue_to_json(models[i], i));
  return json{{"format", model_file_format},
              {"version", model_file_version},
              {"created_by", created_by},
              {"queues", std::move(queues)}};
}

std::vector<QueueModel> models_from_json(const json& doc, const std::string& display_name) {
  const Reader r(display_name);
  r.object(doc, "");
  const auto format = r.string(r.key(doc, "format", ""), "format");
  if (format != model_file_format)
    r.fail("format", fmt::format("expected \"{}\", got \"{}\"", model_file_format, format));
  const auto version = r.integer(r.key(doc, "version", ""), "version", 1, 1'000'000);
  if (version != model_file_version)
    r.fail("version",
           fmt::format("this wfm reads model files of version {}, the file has version {}",
                       model_file_version, version));
  const json& queues = r.array(r.key(doc, "queues", ""), "queues", std::nullopt, "queue models");
  if (queues.empty()) r.fail("queues", "expected at least one queue model");
  std::vector<QueueModel> out;
  for (std::size_t i = 0; i < queues.size(); ++i) {
    out.push_back(r.queue(queues[i], fmt::format("queues[{}]", i)));
    for (std::size_t j = 0; j + 1 < out.size(); ++j) {
      if (out[j].queue == out.back().queue)
        r.fail(fmt::format("queues[{}].queue", i),
               fmt::format("queue \"{}\" is also queues[{}]", out.back().queue, j));
    }
  }
  return out;
}

void save_models(const std::string& path, const std::vector<QueueModel>& models,
                 const std::string& created_by) {
  const json doc = models_to_json(models, created_by);
  io::AtomicFileWriter file(path);
  file.stream() << doc.dump(1) << '\n';
  file.commit();
}

std::vector<QueueModel> load_models(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (core::Location{path, 0, {}}), "cannot open the model file");
  return load_models(in, path);
}

std::vector<QueueModel> load_models(std::istream& in, const std::string& display_name) {
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {  // parse_error; out_of_range for 1e999 (not finite)
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> after "] ".
    const auto close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
    throw core::InputError(core::Location{display_name, 0, {}},
                           fmt::format("not a valid JSON model file: {}", what));
  }
  return models_from_json(doc, display_name);
}

}  // namespace wfm::forecast
