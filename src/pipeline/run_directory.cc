#include "pipeline/run_directory.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pipeline/run_stats.h"

namespace ghirbal {
namespace fs = std::filesystem;

Status RunDirectory::Prepare() const {
  std::error_code ec;
  for (const char* sub : {"", "kept", "rejected", "errors", "stats", "done", "work"}) {
    fs::create_directories(Path(sub), ec);
    if (ec) return Status::IoError("cannot create output directory " + Path(sub) + ": " + ec.message());
  }
  std::string probe = Path(".write-probe");
  {
    std::ofstream out(probe);
    if (!out) return Status::IoError("output directory is not writable: " + root_);
  }
  fs::remove(probe, ec);
  return Status::Ok();
}

std::string RunDirectory::PartPrefix(int part, int segment) {
  char buf[48];
  if (segment == 0) {
    std::snprintf(buf, sizeof buf, "part-%05d", part);
  } else {
    std::snprintf(buf, sizeof buf, "part-%05d.s%d", part, segment);
  }
  return buf;
}

std::string RunDirectory::SegmentInputDir(int segment) const {
  return Path("work/segment-" + std::to_string(segment));
}

std::string RunDirectory::StageWorkDir(int step, const std::string& name) const {
  return Path("work/" + std::to_string(step) + "-" + name);
}

std::string RunDirectory::SegmentMarker(int segment, int part) {
  return "segment-" + std::to_string(segment) + "." + PartPrefix(part, 0);
}

std::string RunDirectory::TaskMarker(int segment, int task, int tasks) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "segment-%d.task-%05d-of-%d", segment, task, tasks);
  return buf;
}

std::string RunDirectory::ReduceMarker(int step, int phase, int shard) {
  return "reduce-" + std::to_string(step) + ".phase-" + std::to_string(phase) + ".shard-" + std::to_string(shard);
}

bool RunDirectory::IsDone(const std::string& marker) const {
  std::error_code ec;
  return fs::exists(Path("done/" + marker), ec);
}

Status RunDirectory::MarkDone(const std::string& marker) const {
  return WriteFileAtomically(Path("done/" + marker), "done\n");
}

std::vector<std::string> RunDirectory::ListFiles(const std::string& dir) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] != '.' && it->is_regular_file()) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> RunDirectory::TaskFiles(const std::string& dir, const std::string& prefix) const {
  std::vector<std::string> out;
  for (const std::string& path : ListFiles(dir)) {
    std::string name = fs::path(path).filename().string();
    if (name.rfind(prefix + "-", 0) == 0) out.push_back(path);
  }
  return out;
}

Status RunDirectory::RemoveTaskFiles(const std::string& dir, const std::string& prefix) const {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    // Published files ("prefix-...") and temporaries (".prefix-...") of an earlier attempt.
    if (name.rfind(prefix + "-", 0) == 0 || name.rfind("." + prefix + "-", 0) == 0) {
      std::error_code rm;
      fs::remove(it->path(), rm);
      if (rm) return Status::IoError("cannot remove " + it->path().string() + ": " + rm.message());
    }
  }
  return Status::Ok();
}

}  // namespace ghirbal
