#include "filter/hyperscan_cache.h"

#include <unistd.h>
#include <xxhash.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ghirbal {
namespace {

namespace fs = std::filesystem;

// The file name for this database: a hash of everything that determines its bytes.
std::string CacheName(const std::vector<std::string_view>& literals,
                      const std::vector<unsigned>& flags, const std::vector<unsigned>& ids) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  auto add = [state](const void* p, size_t n) { XXH3_128bits_update(state, p, n); };
  const char kFormat[] = "ghirbal-hs-literals-1";
  add(kFormat, sizeof kFormat);
  const char* version = hs_version();
  add(version, std::strlen(version) + 1);
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) add(&platform, sizeof platform);
  for (size_t i = 0; i < literals.size(); ++i) {
    const uint64_t size = literals[i].size();
    add(&size, sizeof size);
    add(literals[i].data(), literals[i].size());
    add(&flags[i], sizeof flags[i]);
    add(&ids[i], sizeof ids[i]);
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char name[64];
  std::snprintf(name, sizeof name, "hs-%016llx%016llx.db", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return name;
}

bool Load(const fs::path& path, hs_database_t** db) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string s = bytes.str();
  return !s.empty() && hs_deserialize_database(s.data(), s.size(), db) == HS_SUCCESS;
}

// Best effort: a cache that cannot be written only costs the next process a compile.
void Store(const fs::path& dir, const std::string& name, const hs_database_t* db) {
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path temp = dir / ("." + name + "." + std::to_string(getpid()) + ".tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes, static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      std::free(bytes);
      return;
    }
  }
  std::free(bytes);
  fs::rename(temp, dir / name, ec);
  if (ec) fs::remove(temp, ec);
}

}  // namespace

std::string HyperscanCacheDir() {
  if (const char* dir = std::getenv("GHIRBAL_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/ghirbal";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.cache/ghirbal";
  }
  return "";
}

Status CompileLiterals(const std::vector<std::string_view>& literals,
                       const std::vector<unsigned>& flags, const std::vector<unsigned>& ids,
                       hs_database_t** db) {
  *db = nullptr;
  const std::string dir = HyperscanCacheDir();
  const std::string name = dir.empty() ? "" : CacheName(literals, flags, ids);
  if (!dir.empty() && Load(fs::path(dir) / name, db)) return Status::Ok();

  // hs_compile_lit_multi wants C strings for the pointers, lengths for the bytes.
  std::vector<const char*> pointers;
  std::vector<size_t> lengths;
  for (std::string_view l : literals) {
    pointers.push_back(l.data());
    lengths.push_back(l.size());
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(pointers.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, db,
                           &error) != HS_SUCCESS) {
    std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    *db = nullptr;
    return Status::InvalidArgument(message);
  }
  if (!dir.empty()) Store(dir, name, *db);
  return Status::Ok();
}

}  // namespace ghirbal
