#include "counter/TokenPicker.h"

#include "centre/CentreServices.h"
#include "counter/CounterSession.h"
#include "token/ModuleLoader.h"
#include "token/ModuleWorker.h"
#include "token/VendorProfile.h"
#include "widgets/ModulePaths.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace certdesk::ui {

namespace {

// One poll of a module, on its thread: loaded (probed first) and its tokens listed.
struct ModulePoll
{
    std::optional<token::TokenError> loadError;
    std::optional<token::TokenError> listError;
    QList<token::TokenInfo> tokens;
};

ModulePoll pollModule(const QString& path)
{
    ModulePoll out;
    auto module = token::ModuleLoader::load(path);
    if (!module) {
        out.loadError = module.error();
        return out;
    }
    auto tokens = module->tokens();
    if (tokens)
        out.tokens = *tokens;
    else
        out.listError = tokens.error();
    return out;
}

// What the list shows of a token: a change in any of it rebuilds the list.
QString shownState(const token::TokenInfo& t)
{
    return t.identity() + QLatin1Char('\n') + QString::number(int(t.initialized))
        + QString::number(int(t.pin.locked)) + QString::number(int(t.readOnly));
}

// The same file under two names is one module.
QString moduleFile(const QString& path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? path : canonical;
}

} // namespace

TokenPicker::TokenPicker(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_rescan(new QPushButton(tr("Search again"), this))
    , m_addModule(new QPushButton(tr("Add PKCS#11 module…"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("tokenPicker"));
    m_list->setObjectName(QStringLiteral("tokenList"));
    m_list->setAccessibleName(tr("UKeys found"));
    m_list->setMinimumHeight(70);
    m_list->setMaximumHeight(120);
    m_rescan->setObjectName(QStringLiteral("tokenRescanButton"));
    m_rescan->setAccessibleName(tr("Search for UKeys again"));
    m_addModule->setObjectName(QStringLiteral("addModuleButton"));
    m_addModule->setAccessibleName(tr("Add a PKCS#11 module file"));
    m_status->setObjectName(QStringLiteral("tokenPickerStatus"));
    m_status->setWordWrap(true);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_rescan);
    buttons->addWidget(m_addModule);
    buttons->addStretch();
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);

    connect(m_rescan, &QPushButton::clicked, this, &TokenPicker::rescan);
    connect(m_addModule, &QPushButton::clicked, this, &TokenPicker::addModule);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { Q_EMIT selectionChanged(); });
    connect(&m_pollTimer, &QTimer::timeout, this, &TokenPicker::poll);
    m_slowTimer.setSingleShot(true);
    connect(&m_slowTimer, &QTimer::timeout, this, &TokenPicker::updateStatus);
}

TokenPicker::~TokenPicker() = default;

void TokenPicker::reloadModules()
{
    // Modules still listed keep what is known of them, a poll on its way included (not sent twice).
    const QList<Watched> before = std::exchange(m_watched, {});
    QStringList paths = m_session->modulePaths();
    for (const QString& path : std::as_const(m_addedPaths)) {
        if (!paths.contains(path))
            paths.append(path);
    }
    QStringList files;
    for (const QString& path : std::as_const(paths)) {
        const QString file = moduleFile(path);
        if (files.contains(file))
            continue;
        files.append(file);
        const auto known = std::find_if(
            before.cbegin(), before.cend(), [&path](const Watched& w) { return w.path == path; });
        if (known != before.cend()) {
            m_watched.append(*known);
            continue;
        }
        Watched watched;
        watched.path = path;
        m_watched.append(watched);
    }
    m_pollTimer.setInterval(std::chrono::milliseconds(std::max(200, m_session->services().tokenPollMs)));
    poll();
    rebuild();
    if (m_watching)
        m_pollTimer.start();
}

void TokenPicker::setWatching(bool on)
{
    m_watching = on;
    m_rescan->setEnabled(on);
    m_addModule->setEnabled(on && m_session->services().files && !m_adding);
    m_list->setEnabled(on);
    if (on) {
        poll();
        m_pollTimer.start();
    } else {
        m_pollTimer.stop();
    }
}

void TokenPicker::rescan()
{
    poll();
}

void TokenPicker::poll()
{
    const int timeout = std::max(1, m_session->services().tokenTimeoutMs);
    for (Watched& watched : m_watched) {
        // A module still busy with the last poll is not asked again: its thread would only queue them up.
        if (watched.polling)
            continue;
        watched.polling = true;
        watched.since.start();
        if (!m_slowTimer.isActive())
            m_slowTimer.start(timeout);
        token::runOnModule(
            watched.path, this, [path = watched.path] { return pollModule(path); },
            [this, path = watched.path](const ModulePoll& answer) {
                // A module no longer listed (reloadModules) is not shown.
                const auto it = std::find_if(
                    m_watched.begin(), m_watched.end(), [&path](const Watched& w) { return w.path == path; });
                if (it == m_watched.end())
                    return;
                it->polling = false;
                it->answered = true;
                it->loaded = !answer.loadError;
                it->error = answer.loadError ? answer.loadError->message() : QString();
                // A module whose enumeration fails keeps its previous tokens: a token pulled meanwhile is
                // reported by the next poll.
                if (!answer.listError)
                    it->tokens = answer.loadError ? QList<token::TokenInfo> {} : answer.tokens;
                rebuild();
            });
    }
}

void TokenPicker::addModule()
{
    FileChooser* files = m_session->services().files;
    if (!files || m_adding)
        return;
    const QString path = files->openFile(window(), tr("PKCS#11 module of the UKey"),
        {tr("PKCS#11 modules (*.so *.dll *.dylib)"), tr("All files (*)")});
    if (path.isEmpty())
        return;
    m_adding = true;
    m_addModule->setEnabled(false);
    token::runOnModule(
        path, this, [path] { return token::ModuleLoader::load(path); },
        [this, path](const token::TokenResult<token::Pkcs11Module>& module) {
            m_adding = false;
            m_addModule->setEnabled(m_watching && m_session->services().files);
            if (!module) {
                if (Notifier* notifier = m_session->services().notifier)
                    notifier->warning(window(), tr("Add PKCS#11 module"), module.message());
                return;
            }
            addConfiguredModulePath(path);
            if (!m_addedPaths.contains(path))
                m_addedPaths.append(path);
            reloadModules();
        });
}

std::optional<token::TokenInfo> TokenPicker::selectedToken() const
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item || !(item->flags() & Qt::ItemIsEnabled))
        return std::nullopt;
    const int index = item->data(Qt::UserRole).toInt();
    if (index < 0 || index >= m_tokens.size())
        return std::nullopt;
    return m_tokens.at(index);
}

bool TokenPicker::selectToken(const QString& label)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        const int index = item->data(Qt::UserRole).toInt();
        if (index >= 0 && index < m_tokens.size() && m_tokens.at(index).label == label
            && (item->flags() & Qt::ItemIsEnabled)) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

QString TokenPicker::statusText() const
{
    return m_status->text();
}

void TokenPicker::rebuild()
{
    QList<token::TokenInfo> current;
    for (const Watched& watched : std::as_const(m_watched))
        current.append(watched.tokens);
    QStringList before;
    for (const token::TokenInfo& t : std::as_const(m_tokens))
        before.append(shownState(t));
    QStringList after;
    for (const token::TokenInfo& t : std::as_const(current))
        after.append(shownState(t));
    if (before == after && m_list->count() == m_tokens.size()) {
        m_tokens = current;
        updateStatus();
        return;
    }
    const std::optional<token::TokenInfo> selected = selectedToken();
    m_tokens = current;
    const QSignalBlocker block(m_list);
    m_list->clear();
    QListWidgetItem* again = nullptr;
    for (int i = 0; i < m_tokens.size(); ++i) {
        const token::TokenInfo& t = m_tokens.at(i);
        const QString kind = token::VendorProfiles::builtIn().tokenDisplayName(t);
        QString text = tr("%1 — %2, serial %3").arg(t.label, kind, t.serialNumber);
        auto* item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, i);
        if (!t.initialized) {
            // Named like the other UKeys (the vendor profile's name), not by the module's slot description.
            text = kind.isEmpty() ? tr("Empty slot or uninitialized UKey")
                                  : tr("Empty slot or uninitialized UKey (%1)").arg(kind);
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        } else if (t.pin.locked) {
            text += QStringLiteral(" — ") + tr("PIN locked");
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        } else if (t.readOnly) {
            text += QStringLiteral(" — ") + tr("write-protected");
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        }
        item->setText(text);
        if (selected && selected->identity() == t.identity() && (item->flags() & Qt::ItemIsEnabled))
            again = item;
    }
    if (again)
        m_list->setCurrentItem(again);
    updateStatus();
    Q_EMIT tokensChanged();
    if ((selected.has_value() != (again != nullptr)))
        Q_EMIT selectionChanged();
}

void TokenPicker::updateStatus()
{
    const qint64 timeout = std::max(1, m_session->services().tokenTimeoutMs);
    int usable = 0;
    for (const token::TokenInfo& t : std::as_const(m_tokens))
        usable += t.initialized && !t.pin.locked && !t.readOnly ? 1 : 0;
    int failedToLoad = 0;
    bool searching = false;
    qint64 nextSlow = -1; // until the next poll on its way may turn out not to answer
    QStringList problems;
    for (const Watched& watched : std::as_const(m_watched)) {
        const QString name = QFileInfo(watched.path).fileName();
        if (watched.polling) {
            const qint64 left = timeout - watched.since.elapsed();
            if (left <= 0) {
                problems << tr("%1: %2").arg(name, token::moduleNotAnsweringMessage());
                continue;
            }
            nextSlow = nextSlow < 0 ? left : std::min(nextSlow, left);
            searching = searching || !watched.answered;
        }
        if (watched.answered && !watched.loaded) {
            ++failedToLoad;
            problems << tr("%1: %2").arg(name, watched.error);
        }
    }
    if (nextSlow >= 0)
        m_slowTimer.start(int(nextSlow));
    QStringList status;
    if (m_watched.isEmpty() || failedToLoad == m_watched.size())
        status << tr("No PKCS#11 module is installed or configured: add the UKey vendor's module.");
    else if (usable == 0 && searching)
        status << tr("Looking for UKeys…");
    else if (usable == 0)
        status << tr("No usable UKey found: insert the new UKey.");
    status << problems;
    m_status->setText(status.join(QLatin1Char('\n')));
    m_status->setVisible(!m_status->text().isEmpty());
}

} // namespace certdesk::ui
