using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using S3Batch.Aws;
using Xunit;

namespace S3Batch.Tests.Aws
{
    /// <summary>A profile whose credential_process hands out short-lived keys.</summary>
    [Collection(AwsEnvironmentGroup.Name)]
    public sealed class CredentialProcessTests
    {
        private readonly AwsEnvironmentFixture _fixture;

        public CredentialProcessTests(AwsEnvironmentFixture fixture)
        {
            _fixture = fixture;
            _fixture.WriteFiles(string.Empty, string.Empty);
        }

        /// <summary>
        /// Writes a script that counts its runs and prints keys numbered by the run, valid for
        /// <paramref name="lifetimeSeconds"/>.
        /// </summary>
        private string WriteScript(string name, int lifetimeSeconds, int exitCode = 0)
        {
            var counter = Path.Combine(_fixture.Directory, name + ".count");
            File.Delete(counter);
            var script = Path.Combine(_fixture.Directory, name + ".sh");
            File.WriteAllText(
                script,
                "#!/bin/sh\n"
                + $"n=$(( $(cat '{counter}' 2>/dev/null || echo 0) + 1 ))\n"
                + $"echo $n > '{counter}'\n"
                + (exitCode != 0 ? $"echo 'no keys today' >&2\nexit {exitCode}\n" : string.Empty)
                + $"exp=$(date -u -d \"@$(( $(date +%s) + {lifetimeSeconds} ))\" +%Y-%m-%dT%H:%M:%SZ)\n"
                + "printf '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC%s\", \"SecretAccessKey\": \"procsecret%s\", \"SessionToken\": \"proctoken%s\", \"Expiration\": \"%s\"}' $n $n $n $exp\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return script;
        }

        [Fact]
        public async Task CredentialProcessKeysAreRefreshedBeforeTheyExpire()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // The script is POSIX sh.
            }

            // AWSSDK.Core treats keys as expired one minute before their Expiration: keys valid for
            // 62 s are due for renewal after about 2 s.
            var script = WriteScript("short-lived", lifetimeSeconds: 62);
            var profileFile = _fixture.WriteFile("process-creds", $"[proc]\ncredential_process = {script}\nregion = us-east-1\n");

            var caller = AwsContextResolver.Resolve(new AwsCallerOptions { ProfileName = "proc", ProfileLocation = profileFile }, _fixture.Env());
            Assert.IsType<ProcessAWSCredentials>(caller.Credentials);
            Assert.Equal($"profile 'proc' in {profileFile}", caller.CredentialSource);

            var first = await AwsCredentialHelper.GetCredentialsAsync(caller.Credentials, CancellationToken.None);
            Assert.Equal("ASIAPROC1", first.AccessKey);
            Assert.Equal("procsecret1", first.SecretKey);
            Assert.Equal("proctoken1", first.Token);

            await Task.Delay(TimeSpan.FromSeconds(3));
            var second = await AwsCredentialHelper.GetCredentialsAsync(caller, CancellationToken.None);
            Assert.NotEqual("ASIAPROC1", second.AccessKey);
            Assert.StartsWith("ASIAPROC", second.AccessKey, StringComparison.Ordinal);
            Assert.DoesNotContain("procsecret", caller.CredentialSource, StringComparison.Ordinal);
        }

        [Fact]
        public async Task LongLivedProcessKeysAreNotFetchedAgain()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var script = WriteScript("long-lived", lifetimeSeconds: 3600);
            var profileFile = _fixture.WriteFile("process-creds-long", $"[proc]\ncredential_process = {script}\nregion = us-east-1\n");
            var caller = AwsContextResolver.Resolve(new AwsCallerOptions { ProfileName = "proc", ProfileLocation = profileFile }, _fixture.Env());

            var first = await AwsCredentialHelper.GetCredentialsAsync(caller, CancellationToken.None);
            var second = await AwsCredentialHelper.GetCredentialsAsync(caller, CancellationToken.None);

            Assert.Equal("ASIAPROC1", first.AccessKey);
            Assert.Equal("ASIAPROC1", second.AccessKey);
        }

        [Fact]
        public async Task AFailingProcessIsReportedAsCredentialsUnavailable()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var script = WriteScript("failing", lifetimeSeconds: 3600, exitCode: 3);
            var profileFile = _fixture.WriteFile("process-creds-failing", $"[proc]\ncredential_process = {script}\n");
            var caller = AwsContextResolver.Resolve(new AwsCallerOptions { ProfileName = "proc", ProfileLocation = profileFile, Region = "us-east-1" }, _fixture.Env());

            var e = await Assert.ThrowsAsync<S3BatchConfigurationException>(() => AwsCredentialHelper.GetCredentialsAsync(caller, CancellationToken.None));
            Assert.Equal(AwsErrorIds.CredentialsUnavailable, e.ErrorId);
            Assert.Contains("profile 'proc'", e.Message, StringComparison.Ordinal);
        }
    }
}
