// Reading one input file in byte ranges, so that several tasks can share a large file.
//
// A range [begin, end) of a file owns the records that start in it: for an uncompressed file
// the byte where the record (WARC) or line (JSON Lines) starts, for a gzip file the compressed
// offset of the gzip member the record starts in. Ranges that tile the file therefore read
// every record exactly once. A reader of a range finds the first record start at or after
// `begin` (FindRangeStart), reads from there, and stops before the first record that starts
// at or after `end` (ReaderOptions::range_end), finishing the record it is in.
//
// What can be split: uncompressed WARC, WET and JSON Lines, and gzip WARC/WET with a member
// per record (the layout Common Crawl publishes and the WARC standard recommends). Other
// inputs are read whole by the range that holds offset 0: a single gzip stream or zstd frame
// cannot be entered in the middle, and a gzip member boundary says nothing about where a JSON
// line starts.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "io/document_reader.h"

namespace ghirbal {

// Whether `path`, read with `options.format`, can be cut into byte ranges (see above).
// Looks at the name and the first bytes only.
Result<bool> CanSplitByBytes(const std::string& path, const ReaderOptions& options);

// The offset of the first record of `path` that starts in [begin, end), or `end` when none
// does. `begin` == 0 returns 0. For gzip, a candidate member is accepted only when it decodes
// and its first bytes are a WARC record header; for uncompressed WARC, a "WARC/1." line is
// accepted when its header parses and its Content-Length leads to the end of the file or to
// another record; for JSON Lines, a line starts after a newline.
Result<uint64_t> FindRangeStart(const std::string& path, const ReaderOptions& options, uint64_t begin,
                                uint64_t end);

}  // namespace ghirbal
