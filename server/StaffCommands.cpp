#include "StaffCommands.h"

#include "Database.h"
#include "Secrets.h"

#include "platform/Console.h"

#include <QDateTime>
#include <QDir>

#include <cstddef>
#include <cstdio>

namespace certdesk::server {

namespace {

struct UsageError
{
    QString message;
};

void print(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

// The new password: CERTDESK_STAFF_PASSWORD, else typed twice on the terminal without echo.
QString newPassword(const QString& username)
{
    QString password = qEnvironmentVariable(StaffPasswordEnv);
    if (password.isEmpty() && platform::stdinIsTerminal()) {
        const auto ask = [](const QString& prompt) {
            QString typed;
            platform::readHiddenTerminalLine(
                prompt.toUtf8().constData(), [&typed](const char* line, std::size_t length) {
                    typed = QString::fromUtf8(line, qsizetype(length));
                });
            return typed;
        };
        password = ask(QStringLiteral("Password for %1: ").arg(username));
        if (ask(QStringLiteral("Again: ")) != password)
            throw UsageError {QStringLiteral("the passwords differ")};
    }
    if (password.isEmpty())
        throw UsageError {QStringLiteral("no password: type it at the prompt (on a terminal) or set %1")
                              .arg(QString::fromLatin1(StaffPasswordEnv))};
    if (password.size() < 8)
        throw UsageError {QStringLiteral("the password must have at least 8 characters")};
    return password;
}

bool exists(Database& database, const QString& username)
{
    const ReadTransaction rt(database);
    return scalar(rt.db(), QStringLiteral("SELECT username FROM staff_users WHERE username = ?"), {username})
        .isValid();
}

} // namespace

int runStaffCommand(const QStringList& arguments, const QString& dataDir, const DatabaseLocation& location,
    const QStringList& roles)
{
    static const QStringList knownRoles {QStringLiteral("reviewer"), QStringLiteral("counter")};
    try {
        const QString verb = arguments.value(0);
        const QString username = arguments.value(1).trimmed();
        const bool list = verb == QLatin1String("list");
        if (!list && verb != QLatin1String("add") && verb != QLatin1String("passwd")
            && verb != QLatin1String("disable"))
            throw UsageError {QStringLiteral("staff add NAME --roles reviewer,counter | staff passwd NAME | "
                                             "staff disable NAME | staff list")};
        if (arguments.size() != (list ? 1 : 2))
            throw UsageError {QStringLiteral("staff %1 takes %2")
                                  .arg(verb, list ? QStringLiteral("no name") : QStringLiteral("one name"))};
        if (!list && (username.isEmpty() || username.size() > 64))
            throw UsageError {QStringLiteral("the user name must have 1 to 64 characters")};
        if (verb == QLatin1String("add")) {
            if (roles.isEmpty())
                throw UsageError {QStringLiteral("staff add needs --roles (reviewer, counter)")};
            for (const QString& role : roles) {
                if (!knownRoles.contains(role))
                    throw UsageError {QStringLiteral("unknown role %1 (reviewer, counter)").arg(role)};
            }
        }
        if (!QDir().mkpath(dataDir))
            return print(stderr, QStringLiteral("certdesk-server: cannot create %1").arg(dataDir)), 1;
        Database database(location);
        QString message;
        if (!database.migrate(&message))
            return print(stderr, QStringLiteral("certdesk-server: database: %1").arg(message)), 1;

        if (list) {
            const ReadTransaction rt(database);
            QSqlQuery q = run(rt.db(),
                QStringLiteral(
                    "SELECT username, roles, disabled, created_at FROM staff_users ORDER BY username"));
            int count = 0;
            while (q.next()) {
                print(stdout,
                    QStringLiteral("%1\t%2\t%3\t%4")
                        .arg(q.value(0).toString(), q.value(1).toString(),
                            q.value(2).toInt() != 0 ? QStringLiteral("disabled") : QStringLiteral("active"),
                            q.value(3).toString()));
                ++count;
            }
            if (count == 0)
                print(stderr,
                    QStringLiteral("no staff accounts (create one with `certdesk-server staff add`)"));
            return 0;
        }
        const bool known = exists(database, username);
        if (verb == QLatin1String("add") && known)
            throw UsageError {
                QStringLiteral("%1 exists already (staff passwd changes the password)").arg(username)};
        if (verb != QLatin1String("add") && !known)
            throw UsageError {QStringLiteral("there is no staff account %1").arg(username)};

        if (verb == QLatin1String("disable")) {
            WriteTransaction tx(database);
            run(tx.db(), QStringLiteral("UPDATE staff_users SET disabled = 1 WHERE username = ?"),
                {username});
            // Signed-in sessions end at once.
            run(tx.db(), QStringLiteral("DELETE FROM staff_sessions WHERE username = ?"), {username});
            tx.commit();
            print(stdout, QStringLiteral("disabled %1").arg(username));
            return 0;
        }
        const secrets::PasswordHash hash = secrets::hashPassword(newPassword(username));
        WriteTransaction tx(database);
        if (verb == QLatin1String("add")) {
            run(tx.db(),
                QStringLiteral("INSERT INTO staff_users (username, password_hash, salt, iterations, roles, "
                               "created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                {username, hash.hashHex, hash.saltHex, hash.iterations, roles.join(QLatin1Char(',')),
                    QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
        } else {
            run(tx.db(),
                QStringLiteral("UPDATE staff_users SET password_hash = ?, salt = ?, iterations = ? WHERE "
                               "username = ?"),
                {hash.hashHex, hash.saltHex, hash.iterations, username});
            // Sessions signed in with the old password end.
            run(tx.db(), QStringLiteral("DELETE FROM staff_sessions WHERE username = ?"), {username});
        }
        tx.commit();
        print(stdout,
            verb == QLatin1String("add")
                ? QStringLiteral("added %1 (%2)").arg(username, roles.join(QLatin1Char(',')))
                : QStringLiteral("password of %1 changed").arg(username));
        return 0;
    } catch (const UsageError& e) {
        print(stderr, QStringLiteral("certdesk-server: %1").arg(e.message));
        return 2;
    } catch (const std::exception& e) {
        print(stderr, QStringLiteral("certdesk-server: %1").arg(QString::fromUtf8(e.what())));
        return 1;
    }
}

} // namespace certdesk::server
