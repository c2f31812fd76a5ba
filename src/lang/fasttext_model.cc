#include "lang/fasttext_model.h"

#include <fasttext/fasttext.h>

#include <exception>
#include <sstream>
#include <utility>

namespace ghirbal {
namespace {

class FastTextModel final : public LanguageModel {
 public:
  FastTextModel(std::unique_ptr<fasttext::FastText> model, std::string name)
      : model_(std::move(model)), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }

  std::vector<RawPrediction> Predict(std::string_view text, int k) const override {
    std::string line(text);
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    line.push_back('\n');
    std::vector<RawPrediction> out;
    try {
      std::istringstream in(line);
      std::vector<std::pair<fasttext::real, std::string>> predictions;
      model_->predictLine(in, predictions, k, 0.0);
      for (auto& [prob, label] : predictions) {
        double score = prob < 0 ? 0 : (prob > 1 ? 1 : prob);
        out.push_back({std::move(label), score});
      }
    } catch (const std::exception&) {
      out.clear();  // no opinion rather than an exception across the module boundary
    }
    return out;
  }

 private:
  std::unique_ptr<fasttext::FastText> model_;
  std::string name_;
};

}  // namespace

Result<std::unique_ptr<LanguageModel>> LoadFastTextModel(const std::string& path) {
  auto model = std::make_unique<fasttext::FastText>();
  try {
    model->loadModel(path);
  } catch (const std::exception& e) {
    return Status::InvalidArgument("cannot load fastText model '" + path + "': " + e.what());
  }
  try {
    if (model->getArgs().model != fasttext::model_name::sup) {
      return Status::InvalidArgument("fastText model '" + path +
                                     "' is not a supervised (classification) model");
    }
  } catch (const std::exception& e) {
    return Status::InvalidArgument("cannot read fastText model '" + path + "': " + e.what());
  }
  size_t slash = path.find_last_of('/');
  std::string name = "fasttext:" + (slash == std::string::npos ? path : path.substr(slash + 1));
  return std::unique_ptr<LanguageModel>(std::make_unique<FastTextModel>(std::move(model), name));
}

}  // namespace ghirbal
