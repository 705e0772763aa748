#include "counter/TokenPicker.h"

#include "centre/CentreServices.h"
#include "counter/CounterSession.h"
#include "token/ModuleLoader.h"
#include "token/TokenWatcher.h"
#include "token/VendorProfile.h"
#include "wizard/TokenCertificateSource.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace certdesk::ui {

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
}

TokenPicker::~TokenPicker() = default;

void TokenPicker::reloadModules()
{
    delete m_watcher;
    m_watcher = nullptr;
    m_modules.clear();
    m_moduleErrors.clear();
    QStringList paths = m_session->modulePaths();
    for (const QString& path : std::as_const(m_addedPaths)) {
        if (!paths.contains(path))
            paths.append(path);
    }
    for (const QString& path : std::as_const(paths)) {
        auto module = token::ModuleLoader::load(path);
        if (!module) {
            m_moduleErrors.append(tr("%1: %2").arg(QFileInfo(path).fileName(), module.message()));
            continue;
        }
        if (!m_modules.contains(*module))
            m_modules.append(*module);
    }
    m_watcher = new token::TokenWatcher(m_modules, this);
    m_watcher->setInterval(std::chrono::milliseconds(std::max(200, m_session->services().tokenPollMs)));
    connect(m_watcher, &token::TokenWatcher::tokenInserted, this, &TokenPicker::rebuild);
    connect(m_watcher, &token::TokenWatcher::tokenRemoved, this, &TokenPicker::rebuild);
    m_watcher->poll();
    rebuild();
    if (m_watching)
        m_watcher->start();
}

void TokenPicker::setWatching(bool on)
{
    m_watching = on;
    m_rescan->setEnabled(on);
    m_addModule->setEnabled(on && m_session->services().files);
    m_list->setEnabled(on);
    if (!m_watcher)
        return;
    if (on)
        m_watcher->start();
    else
        m_watcher->stop();
}

void TokenPicker::rescan()
{
    if (m_watcher)
        m_watcher->poll();
    rebuild();
}

void TokenPicker::addModule()
{
    FileChooser* files = m_session->services().files;
    if (!files)
        return;
    const QString path = files->openFile(window(), tr("PKCS#11 module of the UKey"),
        {tr("PKCS#11 modules (*.so *.dll *.dylib)"), tr("All files (*)")});
    if (path.isEmpty())
        return;
    auto module = token::ModuleLoader::load(path);
    if (!module) {
        if (Notifier* notifier = m_session->services().notifier)
            notifier->warning(window(), tr("Add PKCS#11 module"), module.message());
        return;
    }
    addConfiguredModulePath(path);
    if (!m_addedPaths.contains(path))
        m_addedPaths.append(path);
    reloadModules();
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
    const std::optional<token::TokenInfo> before = selectedToken();
    m_tokens = m_watcher ? m_watcher->tokens() : QList<token::TokenInfo> {};
    const QSignalBlocker block(m_list);
    m_list->clear();
    QListWidgetItem* again = nullptr;
    for (int i = 0; i < m_tokens.size(); ++i) {
        const token::TokenInfo& t = m_tokens.at(i);
        QString text
            = tr("%1 — %2, serial %3")
                  .arg(t.label, token::VendorProfiles::builtIn().tokenDisplayName(t), t.serialNumber);
        auto* item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, i);
        if (!t.initialized) {
            text = tr("Empty slot or uninitialized UKey (%1)").arg(t.slotDescription);
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        } else if (t.pin.locked) {
            text += QStringLiteral(" — ") + tr("PIN locked");
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        } else if (t.readOnly) {
            text += QStringLiteral(" — ") + tr("write-protected");
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        }
        item->setText(text);
        if (before && before->identity() == t.identity() && (item->flags() & Qt::ItemIsEnabled))
            again = item;
    }
    if (again)
        m_list->setCurrentItem(again);
    int usable = 0;
    for (const token::TokenInfo& t : std::as_const(m_tokens))
        usable += t.initialized && !t.pin.locked && !t.readOnly ? 1 : 0;
    QStringList status;
    if (m_modules.isEmpty())
        status << tr("No PKCS#11 module is installed or configured: add the UKey vendor's module.");
    else if (usable == 0)
        status << tr("No usable UKey found: insert the new UKey.");
    status << m_moduleErrors;
    m_status->setText(status.join(QLatin1Char('\n')));
    m_status->setVisible(!m_status->text().isEmpty());
    Q_EMIT tokensChanged();
    if ((before.has_value() != (again != nullptr)))
        Q_EMIT selectionChanged();
}

} // namespace certdesk::ui
