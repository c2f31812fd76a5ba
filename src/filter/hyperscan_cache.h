// Hyperscan literal databases, compiled once per machine rather than once per process.
//
// Compiling the boilerplate phrase lists takes a few tenths of a second, and every ghirbal
// process builds the same databases: every Slurm task, every `ghirbal run` on a small input,
// every end-to-end test. CompileLiterals keeps the serialized database in a cache directory,
// under a name that hashes everything the database depends on (the literals, their flags and
// ids, the Hyperscan version and this CPU's platform as Hyperscan sees it), and later processes
// load it instead of compiling. A cache file that cannot be read or loaded is compiled again
// and rewritten; one that cannot be written is not an error. Files are written under a
// temporary name and renamed, so concurrent processes never see a partial one.
//
// The directory is $GHIRBAL_CACHE_DIR, else $XDG_CACHE_HOME/ghirbal, else ~/.cache/ghirbal;
// GHIRBAL_CACHE_DIR set to an empty value turns the cache off.
#pragma once

#include <hs/hs.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ghirbal {

// The cache directory as configured by the environment, or "" when the cache is off.
std::string HyperscanCacheDir();

// hs_compile_lit_multi of `literals` in block mode (flags and ids alongside, all the same
// length) into *db, from the cache when it holds this database. The caller owns *db.
// An error carries Hyperscan's compile message.
Status CompileLiterals(const std::vector<std::string_view>& literals,
                       const std::vector<unsigned>& flags, const std::vector<unsigned>& ids,
                       hs_database_t** db);

}  // namespace ghirbal
