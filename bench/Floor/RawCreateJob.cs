using System;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace S3BatchBench;

/// <summary>
/// The floor of the New-S3BatchJob figures: CreateJob the plain way. One HttpClient, a body
/// given as text, SigV4 in S3's mode (signing name s3, x-amz-content-sha256 signed) written
/// out in full here, so that nothing of the module is used.
/// </summary>
public sealed class RawCreateJob : IDisposable
{
    private const string Path = "/v20180820/jobs";
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Uri _uri;
    private readonly string _host;
    private readonly string _accountId;
    private readonly string _accessKey;
    private readonly string _secretKey;
    private readonly string _region;

    /// <summary>A client for one endpoint (for example http://127.0.0.1:5000), account and key pair.</summary>
    public RawCreateJob(string endpoint, string accountId, string accessKey, string secretKey, string region)
    {
        var baseUri = new Uri(endpoint);
        _uri = new Uri(baseUri, Path);
        _host = baseUri.IsDefaultPort ? baseUri.Host : baseUri.Host + ":" + baseUri.Port.ToString(CultureInfo.InvariantCulture);
        _accountId = accountId;
        _accessKey = accessKey;
        _secretKey = secretKey;
        _region = region;
    }

    /// <summary>Sends one CreateJob with this body; returns the JobId. Throws on any answer but 200.</summary>
    public string Post(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        const string signedHeaders = "host;x-amz-account-id;x-amz-content-sha256;x-amz-date";
        var canonical = $"POST\n{Path}\n\nhost:{_host}\nx-amz-account-id:{_accountId}\nx-amz-content-sha256:{payloadHash}\nx-amz-date:{amzDate}\n\n{signedHeaders}\n{payloadHash}";
        var scope = $"{day}/{_region}/s3/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + _secretKey), day);
        key = Hmac(key, _region);
        key = Hmac(key, "s3");
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        using var message = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(bytes) };
        message.Headers.TryAddWithoutValidation("x-amz-account-id", _accountId);
        message.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={_accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        using var response = _http.Send(message);
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if ((int)response.StatusCode != 200)
        {
            throw new InvalidOperationException($"CreateJob answered {(int)response.StatusCode}: {text}");
        }

        var start = text.IndexOf("<JobId>", StringComparison.Ordinal);
        var end = text.IndexOf("</JobId>", StringComparison.Ordinal);
        return start >= 0 && end > start ? text[(start + 7)..end] : throw new InvalidOperationException("CreateJob answered without a JobId: " + text);
    }

    /// <summary>Sends <paramref name="count"/> CreateJobs one after the other, each with <paramref name="token"/> in the body replaced by a new GUID.</summary>
    public int PostMany(string body, string token, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Post(body.Replace(token, Guid.NewGuid().ToString(), StringComparison.Ordinal));
        }

        return count;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
