// PipelineSpec: a pipeline as declared in a YAML file or on the command line, before its stages
// are built. A file looks like:
//
//   input: ["crawl/*.warc.gz"]      # paths, globs, directories, "-" for stdin
//   output: out/                    # the run directory
//   format: auto                    # auto | warc | wet | jsonl | text | html
//   threads: 0                      # 0 = all cores
//   tasks: 1                        # input parts are split round-robin over tasks
//   split_bytes: 0                  # parts of about this size (e.g. 256M): large WARC/JSONL
//                                   # files cut, small files grouped; 0 = a part per file
//   compression: zstd               # kept/ and rejected/ shards: zstd | gzip | none
//   compression_level: 0            # 0 = default (3); zstd -7..19 (negative = fast), gzip 1..9
//   max_shard_mb: 1024              # a new shard starts past this much uncompressed JSON
//   reader: {id_field: id, text_field: text, html_field: "", max_record_mb: 64}
//   stages:                         # in order; a name, or a name with its options
//     - extract
//     - langid: {languages: [ar, fa]}
//
// Omitting `stages` means the built-in default web recipe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/status.h"
#include "io/document_reader.h"
#include "io/document_writer.h"

namespace ghirbal {

struct StageSpec {
  std::string name;
  YAML::Node options;  // a mapping, or null for defaults
};

struct PipelineSpec {
  std::vector<std::string> inputs;
  std::string output;
  ReaderOptions reader;
  std::vector<StageSpec> stages;
  bool stages_given = false;  // false: the default recipe applies
  int threads = 0;
  int tasks = 0;  // 0: not given (1, or from the environment)
  Compression compression = Compression::kZstd;
  int compression_level = 0;  // 0: the codec's default; see CheckCompressionLevel
  uint64_t max_shard_bytes = 1ull << 30;
  uint64_t split_bytes = 0;  // 0: one part per input file (see pipeline/input_files.h)

  // The spec as YAML, as written to the run directory (pipeline.yaml) for the record.
  std::string ToYaml() const;
};

// "1048576", "512K", "256M", "2G", "1T" (binary multiples; a trailing B is allowed).
Result<uint64_t> ParseByteSize(const std::string& text);

Result<PipelineSpec> ParsePipelineYaml(const std::string& yaml_text, const std::string& where);
Result<PipelineSpec> LoadPipelineFile(const std::string& path);

// The built-in default web recipe: every stage of the standard chain that this build has
// (extract, normalize, langid, clean_lines, filter, pii, exact, line_dedup, minhash), in order,
// with default options.
std::vector<StageSpec> DefaultRecipe();

}  // namespace ghirbal
