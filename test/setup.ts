// The AWS SDK v3 warns on Node 20 about its future support policy; it says nothing about us.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
