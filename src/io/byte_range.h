// Reading one input file in byte ranges, so that several tasks can share a large file.
//
// A range [begin, end) of a file owns the records that start in it: for WARC and WET, the
// byte where the record starts in an uncompressed file, or the compressed offset of the gzip
// member it starts in; for JSON Lines, the decompressed offset of the line's first byte (the
// file offset for an uncompressed file). Ranges that tile the file therefore read every record
// exactly once. A reader of a range finds the first record start at or after `begin`
// (FindRangeStart, then, for compressed JSON Lines, by decompressing from the start and
// skipping), reads from there, and stops before the first record that starts at or after `end`
// (ReaderOptions::range_end), finishing the record it is in.
//
// What can be split: WARC and WET, uncompressed or gzip with a member per record (the layout
// Common Crawl publishes and the WARC standard recommends), and JSON Lines, uncompressed, gzip
// or zstd. A compressed JSON Lines file cannot be entered in the middle (one gzip stream or
// zstd frame, or members that need not end at a line end), so the reader of a later range
// decompresses the file from its start and skips what precedes its range: cheap next to the
// processing of the range (decompression runs at hundreds of MB/s, a pipeline at tens), but
// it grows with the number of ranges per file. Whole-file gzip WARC, zstd WARC, text and HTML
// files are read whole by the range that holds offset 0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/document_reader.h"

namespace ghirbal {

// Whether `path`, read with `options.format`, can be cut into byte ranges (see above).
// Looks at the name and the first bytes only.
Result<bool> CanSplitByBytes(const std::string& path, const ReaderOptions& options);

struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = UINT64_MAX;  // UINT64_MAX: to the end of the file
  uint64_t bytes = 0;         // file bytes this range stands for (for progress)
};

// Cuts a file of `size` bytes into ranges of about `split_bytes` of file, in the offsets its
// reader uses (see above); one range when it cannot be split or is not larger than that. For
// compressed JSON Lines the decompressed size is estimated from the first megabytes, so the
// last range takes whatever the estimate missed; the ranges still tile the file exactly.
Result<std::vector<ByteRange>> SplitIntoRanges(const std::string& path, uint64_t size,
                                               const ReaderOptions& options, uint64_t split_bytes);

// The offset of the first record of `path` that starts in [begin, end), or `end` when none
// does. `begin` == 0 returns 0. For gzip, a candidate member is accepted only when it decodes
// and its first bytes are a WARC record header; for uncompressed WARC, a "WARC/1." line is
// accepted when its header parses and its Content-Length leads to the end of the file or to
// another record; for JSON Lines, a line starts after a newline. For compressed JSON Lines it
// returns 0: the reader decompresses from the start and skips to `begin` itself.
Result<uint64_t> FindRangeStart(const std::string& path, const ReaderOptions& options, uint64_t begin,
                                uint64_t end);

}  // namespace ghirbal
