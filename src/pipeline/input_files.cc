#include "pipeline/input_files.h"

#include <glob.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "io/byte_range.h"

namespace ghirbal {
namespace fs = std::filesystem;
namespace {

bool IsGlob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void AddDirectory(const fs::path& dir, std::vector<InputFile>* out, std::error_code& ec) {
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (IsHidden(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) out->push_back({it->path().string(), it->file_size()});
  }
}

Status AddPath(const std::string& path, std::vector<InputFile>* out) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound("input not found: " + path);
  if (fs::is_directory(st)) {
    size_t before = out->size();
    AddDirectory(path, out, ec);
    if (ec) return Status::IoError("cannot list " + path + ": " + ec.message());
    if (out->size() == before) return Status::NotFound("input directory has no files: " + path);
    return Status::Ok();
  }
  out->push_back({path, static_cast<uint64_t>(fs::file_size(path, ec))});
  return Status::Ok();
}

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (*end != '\0') return fallback;
  return static_cast<int>(n);
}

}  // namespace

Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& patterns) {
  std::vector<InputFile> files;
  bool stdin_seen = false;
  for (const std::string& pattern : patterns) {
    if (pattern == "-") {
      stdin_seen = true;
      continue;
    }
    if (!IsGlob(pattern)) {
      GHIRBAL_RETURN_IF_ERROR(AddPath(pattern, &files));
      continue;
    }
    glob_t g{};
    int rc = glob(pattern.c_str(), 0, nullptr, &g);
    if (rc == GLOB_NOMATCH || g.gl_pathc == 0) {
      globfree(&g);
      return Status::NotFound("no input matches " + pattern);
    }
    for (size_t i = 0; i < g.gl_pathc; ++i) {
      Status st = AddPath(g.gl_pathv[i], &files);
      if (!st.ok()) {
        globfree(&g);
        return st;
      }
    }
    globfree(&g);
  }
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  files.erase(std::unique(files.begin(), files.end(),
                          [](const InputFile& a, const InputFile& b) { return a.path == b.path; }),
              files.end());
  if (stdin_seen) files.insert(files.begin(), InputFile{"-", 0});
  if (files.empty()) return Status::InvalidArgument("no input given (use --input)");
  return files;
}

uint64_t InputPart::bytes() const {
  uint64_t n = 0;
  for (const InputRange& r : ranges) n += r.bytes;
  return n;
}

Result<std::vector<InputPart>> PlanParts(const std::vector<InputFile>& files, uint64_t split_bytes,
                                         const ReaderOptions& reader) {
  // Documents are keyed by (part, ordinal) in 24 + 40 bits (dedup/dedup_files.h).
  constexpr uint64_t kMaxParts = uint64_t{1} << 24;
  std::vector<InputPart> parts;
  InputPart group;  // small files waiting to fill a part
  auto flush = [&] {
    if (!group.ranges.empty()) parts.push_back(std::move(group));
    group = InputPart();
  };
  for (uint32_t i = 0; i < files.size(); ++i) {
    const InputFile& f = files[i];
    if (split_bytes == 0) {
      parts.push_back({{{i, 0, UINT64_MAX, f.size}}});
    } else if (f.size < split_bytes) {
      if (group.bytes() + f.size > split_bytes) flush();
      group.ranges.push_back({i, 0, UINT64_MAX, f.size});
    } else {
      flush();
      Result<std::vector<ByteRange>> ranges = SplitIntoRanges(f.path, f.size, reader, split_bytes);
      if (!ranges.ok()) return ranges.status();
      for (const ByteRange& r : *ranges) parts.push_back({{{i, r.begin, r.end, r.bytes}}});
    }
    if (parts.size() > kMaxParts) {
      return Status::InvalidArgument("the input makes more than " + std::to_string(kMaxParts) +
                                     " parts; use a larger --split-bytes");
    }
  }
  flush();
  return parts;
}

std::vector<uint32_t> PartsOfTask(size_t part_count, int task, int tasks) {
  std::vector<uint32_t> out;
  for (size_t i = static_cast<size_t>(task); i < part_count; i += static_cast<size_t>(tasks)) {
    out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

Result<TaskSelection> ResolveTaskSelection(int task_flag, int tasks_flag, bool task_is_shard) {
  TaskSelection sel;
  sel.tasks = tasks_flag > 0 ? tasks_flag : 1;
  sel.task = task_flag;
  if (task_flag < 0) {
    int slurm_id = EnvInt("SLURM_ARRAY_TASK_ID", -1);
    int k8s_index = EnvInt("JOB_COMPLETION_INDEX", -1);
    if (slurm_id >= 0) {
      int min = EnvInt("SLURM_ARRAY_TASK_MIN", 0);
      int count = EnvInt("SLURM_ARRAY_TASK_COUNT", -1);
      sel.task = slurm_id - min;
      if (tasks_flag <= 0) {
        if (count <= 0) return Status::InvalidArgument("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --tasks");
        sel.tasks = count;
      }
    } else if (k8s_index >= 0) {
      if (tasks_flag <= 0) return Status::InvalidArgument("JOB_COMPLETION_INDEX is set: pass --tasks with the Job's completions");
      sel.task = k8s_index;
    }
  }
  if (sel.task >= sel.tasks && !task_is_shard) {
    return Status::InvalidArgument("task " + std::to_string(sel.task) + " is out of range for " +
                                   std::to_string(sel.tasks) + " tasks");
  }
  return sel;
}

}  // namespace ghirbal
