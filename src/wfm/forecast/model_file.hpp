// Saved forecasting models: the fitted per-queue models of a run (pipeline.hpp, QueueModel) as one
// JSON file, so a later `wfm forecast --load-model` forecasts new horizons without the history.
//
// Format (docs/forecast.md, "Model files"): {"format": "wfm-forecast-model", "version": 1,
// "created_by": "wfm <version>", "queues": [...]}; each queue holds its grid (interval_s, slots,
// open masks, last_date), its members (a model's ModelState: method, scalars, arrays as
// {rows, cols, data} in row-major order), its interval calibration and its AHT model (or null).
// Numbers are written in the shortest form that reads back to the same double, so a saved and
// reloaded model forecasts bit for bit the same (tests/unit/forecast/model_file_test.cpp).
//
// Loading validates everything: a missing key, a wrong type, a wrong length, a non-finite number
// or an unknown method is a core::InputError naming the file and the JSON path, e.g.
//   models/x.json: key 'queues[0].members[1].arrays.profile.data': expected 845 numbers, got 844
// Unknown keys are ignored. Saving goes through io::AtomicFileWriter (no partial file).
#pragma once

#include <istream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wfm/forecast/pipeline.hpp"

namespace wfm::forecast {

inline constexpr const char* model_file_format = "wfm-forecast-model";
inline constexpr int model_file_version = 1;

// The JSON document for `models`; `created_by` e.g. "wfm 0.4.0". A non-finite number in a model
// is a core::InternalError (models never produce one).
nlohmann::json models_to_json(const std::vector<QueueModel>& models, const std::string& created_by);

// Reads and validates a document; `display_name` names the file in messages.
std::vector<QueueModel> models_from_json(const nlohmann::json& doc,
                                         const std::string& display_name);

// Writes the file atomically (its directory must exist). Throws core::InputError for path
// problems.
void save_models(const std::string& path, const std::vector<QueueModel>& models,
                 const std::string& created_by);

// Loads and validates the file at `path` (or from `in`). Throws core::InputError.
std::vector<QueueModel> load_models(const std::string& path);
std::vector<QueueModel> load_models(std::istream& in, const std::string& display_name);

}  // namespace wfm::forecast
