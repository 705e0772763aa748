#include "input/PinyinEngine.h"

#ifdef CERTDESK_HAVE_RIME
#include "input/RimePinyinEngine.h"
#endif

namespace certdesk::input {

bool hasPinyinEngine()
{
#ifdef CERTDESK_HAVE_RIME
    return true;
#else
    return false;
#endif
}

QString preparePinyinEngine(qint64* milliseconds)
{
#ifdef CERTDESK_HAVE_RIME
    const RimeDeployment d = RimePinyinEngine::deploy();
    if (milliseconds)
        *milliseconds = d.milliseconds;
    return d.error;
#else
    if (milliseconds)
        *milliseconds = 0;
    return QStringLiteral("this build has no pinyin engine");
#endif
}

std::unique_ptr<PinyinEngine> createPinyinEngine()
{
#ifdef CERTDESK_HAVE_RIME
    const auto d = RimePinyinEngine::deployment();
    if (!d || !d->ok())
        return nullptr;
    auto engine = std::make_unique<RimePinyinEngine>();
    if (!engine->isValid())
        return nullptr;
    return engine;
#else
    return nullptr;
#endif
}

} // namespace certdesk::input
