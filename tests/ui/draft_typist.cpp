// Child of tst_draft_kill: opens the real wizard on a local store, goes to the organisation page and types
// the organisation name one key at a time through the real widgets, printing "typed N" after each key. The
// parent kills it with SIGKILL in the middle of typing.
#include "domain/RegionModel.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "wizard/ApplicationWizard.h"

#include "Fixtures.h"

#include <QApplication>
#include <QLineEdit>
#include <QTest>

#include "TypeText.h"
#include <cstdio>

using namespace certdesk;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 2)
        return 2;
    LocalStore store(QString::fromLocal8Bit(argv[1]));
    if (!store.isOpen())
        return 3;
    DraftStore drafts(store);
    // Start where a real session is after the lookup: on the organisation page of a saved draft.
    const Application start = certdesk::test::afterLookup(CertificateCategory::Institution);
    ui::ApplicationWizard wizard(&drafts, RegionModel::builtin(), nullptr);
    wizard.show();
    const QString id = drafts.create(start, ui::ApplicationWizard::OrganizationPage);
    wizard.resumeDraft(id, start, ui::ApplicationWizard::OrganizationPage);
    if (wizard.currentId() != ui::ApplicationWizard::OrganizationPage)
        return 4;

    auto* name = wizard.findChild<QLineEdit*>(QStringLiteral("edit_organization_name"));
    name->setFocus();
    const QString text = QString::fromUtf8(argc > 2 ? argv[2] : "abc");
    for (int i = 0; i < text.size(); ++i) {
        certdesk::test::typeText(name, text.mid(i, 1));
        std::printf("typed %d\n", i + 1);
        std::fflush(stdout);
        QTest::qWait(2); // keep typing at a human-ish pace until the parent kills us
    }
    std::printf("done\n");
    std::fflush(stdout);
    return 0;
}
