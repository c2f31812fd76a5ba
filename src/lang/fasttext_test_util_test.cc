// The helper lives in a *_test.cc file so it is built into lang_tests only.
#include <fasttext/args.h>
#include <fasttext/fasttext.h>

#include <exception>
#include <fstream>
#include <random>
#include <vector>

#include "lang/fasttext_test_util.h"

namespace ghirbal {

std::string TrainTinyLanguageModel(const std::string& path) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> languages = {
      {"__label__arb_Arab", {"الكتاب", "المدينة", "كانت", "التي", "على", "الذي", "مدرسة", "قال"}},
      {"__label__pes_Arab", {"کتاب", "می‌کنند", "است", "گفت", "پدر", "چیزی", "این", "بزرگ"}},
      {"__label__zho_Hans", {"中国", "我们", "学习", "这个", "国家", "发展", "经济", "时间"}},
      {"__label__en", {"the", "house", "which", "people", "would", "about", "there", "small"}},
  };
  std::string train_path = path + ".train.txt";
  {
    std::ofstream out(train_path);
    std::mt19937 rng(42);
    for (int line = 0; line < 400; ++line) {
      const auto& [label, words] = languages[line % languages.size()];
      out << label;
      for (int w = 0; w < 8; ++w) out << ' ' << words[rng() % words.size()];
      out << '\n';
    }
  }
  try {
    fasttext::Args args;
    args.input = train_path;
    args.output = path;
    args.model = fasttext::model_name::sup;
    args.loss = fasttext::loss_name::softmax;
    args.dim = 8;
    args.epoch = 25;
    args.lr = 0.5;
    args.minCount = 1;
    args.minn = 2;
    args.maxn = 3;
    args.bucket = 2000;
    args.thread = 1;
    args.verbose = 0;
    fasttext::FastText ft;
    ft.train(args);
    ft.saveModel(path);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace ghirbal
