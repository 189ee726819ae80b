import "server-only";
import {
  apiTokenDto,
  apiTokenListDto,
  createApiTokenInput,
  createdApiTokenDto,
} from "../api-tokens/schemas.ts";
import {
  approveInput,
  cancelInput,
  commandDetailDto,
  extendInput,
  issueCommandDto,
  issueCommandInput,
  listCommandsQuery,
  rejectInput,
} from "../commands/schemas.ts";
import { createEnrollmentTokenInput, listHostsQuery, pluginFleetQuery } from "../hosts/schemas.ts";
import { notificationPreferencesInput, notificationsReadInput } from "../notifications/schemas.ts";
import { createUserInput, updateUserInput } from "../users/schemas.ts";
import { type Operation, userOp as op } from "./operation.ts";

// The user API, part three: people, API tokens, hosts, commands.

export const FLEET_OPERATIONS: Operation[] = [
  op(
    "get",
    "/api/v1/me/notification-preferences",
    "People",
    "My e-mail preferences and the e-mails sent to me lately",
    "console:read",
    { reply: "The preferences and recent e-mails" },
  ),
  op(
    "put",
    "/api/v1/me/notification-preferences",
    "People",
    "Replace my e-mail preferences (which notifications, quiet hours)",
    "console:read",
    { body: notificationPreferencesInput, reply: "The preferences" },
  ),
  op("get", "/api/v1/me", "People", "The caller and their role", "console:read", {
    reply: "The user (with `scopes` when called with an API token)",
  }),
  op("get", "/api/v1/users", "People", "List users (admins)", "users:manage", {
    reply: "The users",
  }),
  op("post", "/api/v1/users", "People", "Create a user (admins)", "users:manage", {
    body: createUserInput,
    status: 201,
    reply: "The user",
  }),
  op(
    "patch",
    "/api/v1/users/{id}",
    "People",
    "Change a user's role, or disable/enable them (admins)",
    "users:manage",
    {
      body: updateUserInput,
      reply: "The user",
    },
  ),
  op(
    "get",
    "/api/v1/api-tokens",
    "API tokens",
    "Your API tokens (admins: everyone's)",
    "console:read",
    {
      reply: apiTokenListDto,
    },
  ),
  op(
    "post",
    "/api/v1/api-tokens",
    "API tokens",
    "Create an API token; the secret is in this reply only",
    "console:read",
    {
      description:
        "Scopes must be permissions your role holds. Only from a signed-in session: a token cannot create tokens.",
      body: createApiTokenInput,
      status: 201,
      reply: createdApiTokenDto,
    },
  ),
  op(
    "post",
    "/api/v1/api-tokens/{id}/revoke",
    "API tokens",
    "Revoke an API token (its owner, or an admin)",
    "console:read",
    {
      reply: apiTokenDto,
      also: { 409: "Already revoked" },
    },
  ),
  op(
    "get",
    "/api/v1/notifications",
    "People",
    "The caller's notifications and unread count",
    "console:read",
    {
      reply: "The notifications",
    },
  ),
  op(
    "post",
    "/api/v1/notifications/read",
    "People",
    "Mark some ({ids}) or all ({all: true}) notifications read",
    "console:read",
    {
      body: notificationsReadInput,
      reply: "How many were marked",
    },
  ),
  op(
    "get",
    "/api/v1/hosts",
    "Hosts",
    "Enrolled hosts with connectivity, isolation and open incidents",
    "hosts:read",
    {
      query: listHostsQuery,
      reply: "The hosts",
    },
  ),
  op(
    "get",
    "/api/v1/hosts/{id}",
    "Hosts",
    "One host: inventory, recent events, incidents",
    "hosts:read",
    { reply: "The host" },
  ),
  op(
    "post",
    "/api/v1/hosts/{id}/revoke",
    "Hosts",
    "Revoke a host; its agent token stops working at once",
    "hosts:manage",
    {
      reply: "The host",
    },
  ),
  op(
    "get",
    "/api/v1/plugins/fleet",
    "Hosts",
    "A plugin's blast radius: which hosts run it",
    "hosts:read",
    {
      query: pluginFleetQuery,
      reply: "The hosts running it",
    },
  ),
  op(
    "get",
    "/api/v1/plugins/names",
    "Hosts",
    "Distinct plugin names with host counts",
    "hosts:read",
    { reply: "The names" },
  ),
  op("get", "/api/v1/enrollment-tokens", "Hosts", "List enrollment tokens", "hosts:manage", {
    reply: "The tokens",
  }),
  op(
    "post",
    "/api/v1/enrollment-tokens",
    "Hosts",
    "Create an enrollment token, shown once",
    "hosts:manage",
    {
      body: createEnrollmentTokenInput,
      status: 201,
      reply: "The token, with its secret",
    },
  ),
  op(
    "post",
    "/api/v1/enrollment-tokens/{id}/revoke",
    "Hosts",
    "Stop further enrolments with a token",
    "hosts:manage",
    {
      reply: "The token",
      also: { 409: "Already revoked" },
    },
  ),
  op("get", "/api/v1/commands", "Commands", "List commands with filters", "commands:read", {
    query: listCommandsQuery,
    reply: "A page of commands",
  }),
  op(
    "post",
    "/api/v1/commands",
    "Commands",
    "Issue a command request to one host, several, or a plugin's fleet",
    "commands:issue",
    {
      body: issueCommandInput,
      status: 201,
      reply: issueCommandDto,
    },
  ),
  op(
    "get",
    "/api/v1/commands/{id}",
    "Commands",
    "One command with its signed envelope, receipts and result",
    "commands:read",
    {
      reply: commandDetailDto,
    },
  ),
  op(
    "post",
    "/api/v1/commands/{id}/cancel",
    "Commands",
    "Cancel a queued command, or ask a delivered one to stop",
    "commands:issue",
    {
      body: cancelInput,
      reply: "The command",
      also: { 409: "The command has finished" },
    },
  ),
  op(
    "post",
    "/api/v1/command-requests/{id}/approve",
    "Commands",
    "Approve a pending request (a lead who did not request it)",
    "commands:approve",
    {
      body: approveInput,
      reply: "The request",
      also: { 409: "Already decided" },
    },
  ),
  op(
    "post",
    "/api/v1/command-requests/{id}/reject",
    "Commands",
    "Reject a whole pending request, with a reason",
    "commands:approve",
    {
      body: rejectInput,
      reply: "The request",
      also: { 409: "Already decided" },
    },
  ),
  op(
    "post",
    "/api/v1/command-requests/{id}/extend",
    "Commands",
    "Push a time-boxed containment's end further out",
    "commands:issue",
    {
      body: extendInput,
      reply: "The new end",
    },
  ),
];
