// Renewal keeps the old certificate's holder (docs/api.md, the reviewer's approval): the upload step of the
// application centre, against the real certdesk-server (sandbox, loopback), in Chinese. While the
// organisation on the form is the old certificate's, nothing more is asked; once its name differs
// (`holder_changed` in the applicant's view), the page says so plainly and adds the box of the proof of the
// change (holder_change_proof), which is uploaded through the GUI and holds the next step until it is in;
// with the old name back, the box goes again.
#include "CentreFixture.h"
#include "FindWidget.h"
#include "TestEnvironment.h"
#include "centre/ApplicationCentre.h"
#include "centre/CentreSession.h"
#include "centre/DocumentSlot.h"
#include "centre/DocumentsPage.h"
#include "domain/Translations.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>

using namespace certdesk;
using namespace certdesk::test;
using ui::ApplicationCentre;
using ui::DocumentSlot;

namespace {

constexpr int Timeout = 30000;

} // namespace

class TestCentreHolder : public QObject
{
    Q_OBJECT
private:
    CentreServer m_server;
    CreatedApp m_app;
    QTemporaryDir m_dir;
    CentreFakes m_fakes;
    std::unique_ptr<ApplicationCentre> m_centre;

    ui::DocumentsPage* page() const { return m_centre->documentsPage(); }
    QLabel* notice() const
    {
        return findWidget<QLabel>(m_centre.get(), QStringLiteral("documentsHolderChanged"));
    }

    // Changes the organisation's name on the service (PUT, as the wizard's 保存修改 does) and lets the
    // centre load the application again.
    void renameOrganisation(const QString& name)
    {
        Application a = m_app.application;
        a.organization.name = name;
        a.oldCertificate.reset(); // a change is checked under the application, not a lookup
        CENTRE_AWAIT_OK(changed, m_server.applicant->updateApplication(m_app.id, m_app.token, a));
        QCOMPARE(changed->holderChanged, name != m_app.application.organization.name);
        m_centre->session()->refresh();
    }

private Q_SLOTS:
    void initTestCase()
    {
        fixEnvironment();
        QVERIFY(installTranslations(*qApp));
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(
            createApplication(m_server, CertificateCategory::Institution, &m_app, &error), qPrintable(error));
        m_centre = std::make_unique<ApplicationCentre>(
            m_server.applicant.get(), m_app.id, m_app.token, m_fakes.services());
        m_centre->resize(1366, 768);
        m_centre->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_centre->session()->isLoaded(), Timeout);
        m_centre->showPage(ApplicationCentre::DocumentsTab);
    }

    void cleanupTestCase() { m_centre.reset(); }

    void sameHolderAsksForNothingMore()
    {
        QVERIFY(!m_centre->session()->application().holderChanged);
        QCOMPARE(page()->documentSlots().size(), requiredDocuments(CertificateCategory::Institution).size());
        QVERIFY(!page()->slotFor(DocumentKind::HolderChangeProof));
        QVERIFY(!page()->asksForHolderChangeProof());
        QVERIFY(notice()->isHidden());
    }

    void changedNameAsksForTheProof()
    {
        renameOrganisation(QStringLiteral("深圳市星河测试科技股份有限公司"));
        QTRY_VERIFY_WITH_TIMEOUT(page()->slotFor(DocumentKind::HolderChangeProof), Timeout);
        QVERIFY(m_centre->session()->application().holderChanged);
        // Said plainly, in Chinese: the holder differs, and which document proves the change.
        QVERIFY(notice()->isVisible());
        const QString text = notice()->text();
        QVERIFY2(text.contains(QStringLiteral("与原证书不一致")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("名称变更核准通知书")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("持有人变更证明")), qPrintable(text));
        DocumentSlot* proof = page()->slotFor(DocumentKind::HolderChangeProof);
        QVERIFY(proof->isVisible());
        QVERIFY(findWidget<QLabel>(proof, QStringLiteral("documentTitle_holder_change_proof"))
                    ->text()
                    .contains(QStringLiteral("持有人变更证明")));
        QCOMPARE(proof->state(), DocumentState::Missing);
    }

    void proofIsUploadedAndHoldsTheNextStep()
    {
        // The four documents every institution uploads (through the API: tst_centre covers their boxes).
        int seed = 11;
        for (DocumentKind kind : requiredDocuments(CertificateCategory::Institution)) {
            CENTRE_AWAIT_OK(stored,
                m_server.applicant->uploadDocument(m_app.id, m_app.token, kind,
                    makeJpeg(QSize(400, 560), seed++), QStringLiteral("image/jpeg")));
        }
        m_centre->session()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_centre->session()->application().checklist.allDocumentsUploaded(), Timeout);
        auto* next = findWidget<QPushButton>(m_centre.get(), QStringLiteral("documentsNextButton"));
        QTRY_VERIFY_WITH_TIMEOUT(
            page()->slotFor(DocumentKind::BusinessLicense)->state() == DocumentState::Uploaded, Timeout);
        // Everything the checklist lists is in, but the proof the CA needs is not: no going on yet.
        QVERIFY(!next->isEnabled());

        // The notice from the market regulator, chosen as a file in its box.
        const QString path
            = writeFile(m_dir, QStringLiteral("change-notice.jpg"), makeJpeg(QSize(900, 1260), 5));
        QVERIFY(!path.isEmpty());
        m_fakes.files.openAnswers = {path};
        DocumentSlot* proof = page()->slotFor(DocumentKind::HolderChangeProof);
        findWidget<QPushButton>(proof, QStringLiteral("documentChoose_holder_change_proof"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!proof->isBusy() && proof->state() == DocumentState::Uploaded, Timeout);
        QVERIFY2(proof->errorText().isEmpty(), qPrintable(proof->errorText()));
        CENTRE_AWAIT_OK(documents, m_server.applicant->documents(m_app.id, m_app.token));
        bool stored = false;
        for (const api::StoredDocument& d : documents.value())
            stored = stored || d.kind == DocumentKind::HolderChangeProof;
        QVERIFY(stored);
        QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled(), Timeout);
        // It stays in after the centre loads the application again (the checklist does not list it).
        m_centre->session()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!m_centre->session()->isLoading(), Timeout);
        QCOMPARE(page()->slotFor(DocumentKind::HolderChangeProof)->state(), DocumentState::Uploaded);
        QVERIFY(next->isEnabled());
    }

    void oldNameBackNeedsNoProof()
    {
        renameOrganisation(m_app.application.organization.name);
        QTRY_VERIFY_WITH_TIMEOUT(!page()->slotFor(DocumentKind::HolderChangeProof), Timeout);
        QVERIFY(!m_centre->session()->application().holderChanged);
        QVERIFY(notice()->isHidden());
        QCOMPARE(page()->documentSlots().size(), requiredDocuments(CertificateCategory::Institution).size());
    }
};

QTEST_MAIN(TestCentreHolder)
#include "tst_centre_holder.moc"
