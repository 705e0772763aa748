#include "input/RimePinyinEngine.h"

#include <rime_api.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>

#include <mutex>

namespace certdesk::input {

namespace {

// X11 keysyms, which Rime takes for its key events.
constexpr int KeyBackSpace = 0xff08;
constexpr int KeyReturn = 0xff0d;
constexpr int KeyPageUp = 0xff55;
constexpr int KeyPageDown = 0xff56;

constexpr const char* Schema = "luna_pinyin_simp";

// Only the schema CertDesk uses is compiled (the distribution's default list has eight), candidates come six
// to a page (the keyboard's candidate bar), and the schema learns nothing: a kiosk serves one person after
// another, and a name typed by one must not be offered to the next.
constexpr const char* DefaultCustom = "patch:\n"
                                      "  schema_list:\n"
                                      "    - schema: luna_pinyin_simp\n"
                                      "  menu/page_size: 6\n";
constexpr const char* SchemaCustom = "patch:\n"
                                     "  translator/enable_user_dict: false\n";

RimeApi* rime()
{
    static RimeApi* api = rime_get_api();
    return api;
}

std::mutex deployMutex;
std::optional<RimeDeployment> deployed;

bool writeIfChanged(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (f.open(QIODevice::ReadOnly) && f.readAll() == content)
        return true;
    f.close();
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QString defaultSharedDir()
{
    const QString env = qEnvironmentVariable("CERTDESK_RIME_SHARED_DIR");
    if (!env.isEmpty())
        return env;
#ifdef CERTDESK_RIME_SHARED_DATA_DIR
    return QStringLiteral(CERTDESK_RIME_SHARED_DATA_DIR);
#else
    return QStringLiteral("/usr/share/rime-data");
#endif
}

QString defaultUserDir()
{
    const QString env = qEnvironmentVariable("CERTDESK_RIME_USER_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/rime");
}

} // namespace

RimeDeployment RimePinyinEngine::deploy(const QString& userDataDir, const QString& sharedDataDir)
{
    std::lock_guard lock(deployMutex);
    if (deployed)
        return *deployed;
    RimeDeployment d;
    d.sharedDataDir = sharedDataDir.isEmpty() ? defaultSharedDir() : sharedDataDir;
    d.userDataDir = userDataDir.isEmpty() ? defaultUserDir() : userDataDir;
    QElapsedTimer timer;
    timer.start();
    if (!QFile::exists(
            d.sharedDataDir + QLatin1Char('/') + QLatin1String(Schema) + QStringLiteral(".schema.yaml"))) {
        d.error = QStringLiteral("no %1 schema in %2").arg(QLatin1String(Schema), d.sharedDataDir);
    } else if (!QDir().mkpath(d.userDataDir)
        || !writeIfChanged(d.userDataDir + QStringLiteral("/default.custom.yaml"), DefaultCustom)
        || !writeIfChanged(
            d.userDataDir + QLatin1Char('/') + QLatin1String(Schema) + QStringLiteral(".custom.yaml"),
            SchemaCustom)) {
        d.error = QStringLiteral("cannot write the settings into %1").arg(d.userDataDir);
    } else {
        // Rime keeps these pointers during setup and initialisation only; they live until the process ends
        // anyway, as librime is set up once.
        static QByteArray shared, user;
        shared = QFile::encodeName(d.sharedDataDir);
        user = QFile::encodeName(d.userDataDir);
        RIME_STRUCT(RimeTraits, traits);
        traits.shared_data_dir = shared.constData();
        traits.user_data_dir = user.constData();
        traits.distribution_name = "CertDesk";
        traits.distribution_code_name = "certdesk";
        traits.distribution_version = CERTDESK_RIME_DISTRIBUTION_VERSION;
        traits.app_name = "rime.certdesk";
        // Errors only, and never to a file: key strokes are personal data.
        traits.min_log_level = 3;
        traits.log_dir = "";
        rime()->setup(&traits);
        rime()->initialize(&traits);
        if (rime()->start_maintenance(False))
            rime()->join_maintenance_thread();
        // A session proves the compiled schema loads.
        const RimeSessionId probe = rime()->create_session();
        if (!probe || !rime()->select_schema(probe, Schema))
            d.error = QStringLiteral("the %1 schema does not load").arg(QLatin1String(Schema));
        if (probe)
            rime()->destroy_session(probe);
    }
    d.milliseconds = timer.elapsed();
    deployed = d;
    return d;
}

std::optional<RimeDeployment> RimePinyinEngine::deployment()
{
    std::lock_guard lock(deployMutex);
    return deployed;
}

RimePinyinEngine::RimePinyinEngine()
{
    const auto d = deployment();
    if (!d || !d->ok())
        return;
    m_session = rime()->create_session();
    if (m_session && !rime()->select_schema(m_session, Schema)) {
        rime()->destroy_session(m_session);
        m_session = 0;
    }
}

RimePinyinEngine::~RimePinyinEngine()
{
    if (m_session)
        rime()->destroy_session(m_session);
}

bool RimePinyinEngine::typeLetter(QChar letter)
{
    if (!m_session)
        return false;
    const char16_t c = letter.toLower().unicode();
    if (!((c >= u'a' && c <= u'z') || c == u'\''))
        return false;
    return rime()->process_key(m_session, int(c), 0);
}

bool RimePinyinEngine::backspace()
{
    if (!m_session || !composition().isComposing())
        return false;
    return rime()->process_key(m_session, KeyBackSpace, 0);
}

QString RimePinyinEngine::takeCommit()
{
    RIME_STRUCT(RimeCommit, commit);
    if (!rime()->get_commit(m_session, &commit))
        return {};
    QString text = QString::fromUtf8(commit.text);
    rime()->free_commit(&commit);
    return text;
}

QString RimePinyinEngine::select(int index)
{
    if (!m_session || !rime()->select_candidate_on_current_page(m_session, size_t(qMax(0, index))))
        return {};
    return takeCommit();
}

QString RimePinyinEngine::commitLetters()
{
    if (!m_session || !composition().isComposing())
        return {};
    rime()->process_key(m_session, KeyReturn, 0);
    return takeCommit();
}

void RimePinyinEngine::nextPage()
{
    if (m_session)
        rime()->process_key(m_session, KeyPageDown, 0);
}

void RimePinyinEngine::previousPage()
{
    if (m_session)
        rime()->process_key(m_session, KeyPageUp, 0);
}

void RimePinyinEngine::clear()
{
    if (m_session)
        rime()->clear_composition(m_session);
}

PinyinComposition RimePinyinEngine::composition() const
{
    PinyinComposition out;
    if (!m_session)
        return out;
    RIME_STRUCT(RimeContext, context);
    if (!rime()->get_context(m_session, &context))
        return out;
    if (context.composition.preedit)
        out.preedit = QString::fromUtf8(context.composition.preedit);
    for (int i = 0; i < context.menu.num_candidates; ++i)
        out.candidates.append(QString::fromUtf8(context.menu.candidates[i].text));
    out.page = context.menu.page_no;
    out.lastPage = context.menu.is_last_page;
    rime()->free_context(&context);
    return out;
}

} // namespace certdesk::input
