// The scan helper's pipe protocol: the client's MessageReader on the helper's stdout (fed in pieces whose
// sizes come from the input's first byte, whose top bit gives the reader a shared page), and the helper's
// parseRequest on its stdin lines.
#include "FuzzSupport.h"

#include "documents/ScanHelperReader.h"

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    certdesk::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace certdesk::documents::scanhelper;
    if (size < 1)
        return 0;
    const QByteArray stream = certdesk::fuzz::bytes(data + 1, size - 1);
    for (const QByteArray& line : stream.split('\n'))
        (void)parseRequest(line);

    // A shared page as the caller maps it: whatever the helper wrote there, the reader may only read inside
    // it.
    static const QByteArray sharedPage(256 * 1024, '\x5a');
    MessageReader reader;
    if (data[0] & 0x80)
        reader.setSharedPage(sharedPage);
    const qsizetype piece = 1 + data[0] % 64;
    for (qsizetype at = 0; at < stream.size() && !reader.hasFinal() && reader.protocolError().isEmpty();
         at += piece) {
        reader.feed(stream.mid(at, piece));
        (void)reader.takeProgress();
    }
    if (reader.hasFinal()) {
        const MessageReader::Final& final = reader.final();
        if (final.image)
            (void) final.image->size();
    }
    return 0;
}
