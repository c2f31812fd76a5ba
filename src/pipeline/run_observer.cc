#include "pipeline/run_observer.h"

namespace ghirbal {
namespace {

std::vector<RunObserverFactory>& Factories() {
  static auto* factories = new std::vector<RunObserverFactory>();
  return *factories;
}

}  // namespace

void RegisterRunObserver(RunObserverFactory factory) { Factories().push_back(std::move(factory)); }

std::vector<std::unique_ptr<RunObserver>> MakeRunObservers(const ObserverContext& ctx) {
  std::vector<std::unique_ptr<RunObserver>> out;
  for (const auto& f : Factories()) {
    if (auto o = f(ctx)) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace ghirbal
