#include "io/document_writer.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/json.h"
#include "io/compressed_file_writer.h"

namespace ghirbal {
namespace {

class ShardWriterImpl : public ShardWriter {
 public:
  explicit ShardWriterImpl(Options options) : options_(std::move(options)) {}
  ~ShardWriterImpl() override {
    // Never publish a shard that was not closed: drop its temporary file.
    if (file_) {
      file_.reset();
      std::remove(temp_path_.c_str());
    }
  }

  Status Write(std::string_view lines) override {
    if (lines.empty()) return Status::Ok();
    if (file_ && shard_bytes_ > 0 && shard_bytes_ + lines.size() > options_.max_shard_bytes) {
      GHIRBAL_RETURN_IF_ERROR(Publish());
    }
    if (!file_) GHIRBAL_RETURN_IF_ERROR(StartShard());
    GHIRBAL_RETURN_IF_ERROR(file_->Write(lines));
    shard_bytes_ += lines.size();
    for (const char* p = lines.data(), *end = p + lines.size();
         (p = static_cast<const char*>(memchr(p, '\n', end - p))) != nullptr; ++p) {
      ++documents_;
    }
    return Status::Ok();
  }

  Status Close() override { return file_ ? Publish() : Status::Ok(); }
  uint64_t documents_written() const override { return documents_; }

 private:
  Status StartShard() {
    char number[16];
    snprintf(number, sizeof(number), "%05u", shard_index_++);
    std::string name = options_.prefix + "-" + number + ".jsonl" +
                       std::string(CompressionExtension(options_.compression));
    final_path_ = options_.dir + "/" + name;
    temp_path_ = options_.dir + "/." + name + ".tmp";
    auto file = CompressedFileWriter::Create(temp_path_, options_.compression, options_.level);
    if (!file.ok()) return file.status();
    file_ = std::move(file).value();
    shard_bytes_ = 0;
    return Status::Ok();
  }

  Status Publish() {
    Status st = file_->Finish();
    file_.reset();
    if (!st.ok()) {
      std::remove(temp_path_.c_str());
      return st;
    }
    if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
      return Status::IoError("cannot rename " + temp_path_ + " to " + final_path_);
    }
    return Status::Ok();
  }

  Options options_;
  std::unique_ptr<CompressedFileWriter> file_;
  std::string temp_path_;
  std::string final_path_;
  unsigned shard_index_ = 0;
  uint64_t shard_bytes_ = 0;
  uint64_t documents_ = 0;
};

}  // namespace

std::string_view CompressionExtension(Compression c) {
  switch (c) {
    case Compression::kGzip: return ".gz";
    case Compression::kZstd: return ".zst";
    case Compression::kNone: break;
  }
  return "";
}

Result<Compression> ParseCompression(std::string_view name) {
  if (name == "none") return Compression::kNone;
  if (name == "gzip" || name == "gz") return Compression::kGzip;
  if (name == "zstd" || name == "zst") return Compression::kZstd;
  return Status::InvalidArgument("unknown compression '" + std::string(name) +
                                 "' (expected none, gzip or zstd)");
}

Status CheckCompressionLevel(Compression compression, int level) {
  if (level == 0) return Status::Ok();
  switch (compression) {
    case Compression::kZstd:
      if (level >= kMinZstdLevel && level <= kMaxZstdLevel) return Status::Ok();
      return Status::InvalidArgument("zstd compression level " + std::to_string(level) +
                                     " out of range (" + std::to_string(kMinZstdLevel) + " to " +
                                     std::to_string(kMaxZstdLevel) + "; 0 = default)");
    case Compression::kGzip:
      if (level >= 1 && level <= 9) return Status::Ok();
      return Status::InvalidArgument("gzip compression level " + std::to_string(level) +
                                     " out of range (1 to 9; 0 = default)");
    case Compression::kNone:
      break;
  }
  return Status::InvalidArgument("a compression level needs compression zstd or gzip");
}

void AppendDocumentJson(const Document& doc, bool with_origin, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(out, doc.id);
  out->append(",\"text\":");
  AppendJsonString(out, doc.text);
  if (!doc.url.empty()) {
    out->append(",\"url\":");
    AppendJsonString(out, doc.url);
  }
  if (!doc.date.empty()) {
    out->append(",\"date\":");
    AppendJsonString(out, doc.date);
  }
  out->append(",\"metadata\":{");
  bool first = true;
  for (const auto& [key, value] : doc.metadata.entries()) {
    // A rejected document's reject entry is the verdict's, written last.
    if (doc.rejected() && key == "reject") continue;
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, key);
    out->push_back(':');
    out->append(value);
  }
  if (doc.rejected()) {
    if (!first) out->push_back(',');
    out->append("\"reject\":{\"stage\":");
    AppendJsonString(out, doc.verdict.stage);
    out->append(",\"reason\":");
    AppendJsonString(out, doc.verdict.reason);
    if (!doc.verdict.value.empty()) {
      out->append(",\"value\":");
      out->append(doc.verdict.value);
    }
    out->push_back('}');
  }
  out->push_back('}');
  if (with_origin) {
    out->append(",\"_origin\":[");
    AppendJsonInt(out, doc.origin.part);
    out->push_back(',');
    AppendJsonInt(out, static_cast<int64_t>(doc.origin.ordinal));
    out->push_back(',');
    AppendJsonInt(out, static_cast<int64_t>(doc.origin.offset));
    out->push_back(']');
  }
  out->append("}\n");
}

Result<std::unique_ptr<ShardWriter>> ShardWriter::Create(Options options) {
  if (options.dir.empty()) options.dir = ".";
  std::error_code ec;
  std::filesystem::create_directories(options.dir, ec);
  if (ec) return Status::IoError("cannot create directory " + options.dir + ": " + ec.message());
  return std::unique_ptr<ShardWriter>(new ShardWriterImpl(std::move(options)));
}

}  // namespace ghirbal
