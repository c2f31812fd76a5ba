#include "slurm/scheduler_output.h"

#include <sstream>

namespace ghirbal::slurm {
namespace {

bool IsDigits(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Cap on the elements one range may expand to: Slurm's own MaxArraySize is far below it.
constexpr int kMaxArrayElements = 4'000'000;

}  // namespace

bool ParseArrayRange(const std::string& text, std::vector<int>* out) {
  std::stringstream parts(text);
  std::string part;
  while (std::getline(parts, part, ',')) {
    size_t dash = part.find('-');
    std::string lo = part.substr(0, dash);
    std::string hi = dash == std::string::npos ? lo : part.substr(dash + 1);
    if (!IsDigits(lo) || !IsDigits(hi) || lo.size() > 9 || hi.size() > 9) return false;
    int a = std::stoi(lo), b = std::stoi(hi);
    if (b < a || b - a >= kMaxArrayElements || out->size() + (b - a) >= kMaxArrayElements) return false;
    for (int i = a; i <= b; ++i) out->push_back(i);
  }
  return true;
}

Result<std::string> ParseSbatchJobId(const std::string& out) {
  std::string line = Trim(out);
  // sbatch may print warnings before the id: the id is the last line.
  if (size_t nl = line.find_last_of('\n'); nl != std::string::npos) line = Trim(line.substr(nl + 1));
  std::string id = line.substr(0, line.find(';'));
  if (!IsDigits(id)) return Status::Corruption("sbatch printed no job id: '" + Trim(out) + "'");
  return id;
}

std::vector<JobState> ParseJobStates(const std::string& out) {
  std::vector<JobState> states;
  std::stringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    size_t bar = line.find('|');
    if (bar == std::string::npos) continue;
    std::string id = Trim(line.substr(0, bar));
    std::string state = Trim(line.substr(bar + 1));
    state = state.substr(0, state.find_first_of(" |"));
    if (state.empty()) continue;
    size_t underscore = id.find('_');
    std::string job = id.substr(0, underscore);
    if (!IsDigits(job)) continue;  // "1234.batch", headers, garbage
    if (underscore == std::string::npos) {
      states.push_back({job, -1, state});
      continue;
    }
    std::string element = id.substr(underscore + 1);
    std::vector<int> indices;
    if (element.size() >= 2 && element.front() == '[' && element.back() == ']') {
      element = element.substr(1, element.size() - 2);
      element = element.substr(0, element.find('%'));
      if (!ParseArrayRange(element, &indices)) continue;
    } else if (IsDigits(element) && element.size() <= 9) {
      indices.push_back(std::stoi(element));
    } else {
      continue;
    }
    for (int i : indices) states.push_back({job, i, state});
  }
  return states;
}

bool IsActiveState(const std::string& state) {
  for (const char* s : {"PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED",
                        "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED",
                        "RESV_DEL_HOLD"}) {
    if (state == s) return true;
  }
  return false;
}

}  // namespace ghirbal::slurm
